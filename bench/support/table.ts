/** One figure of `npm run bench`: a measurement beside the baseline measured in the same run. */
export interface Figure {
  readonly what: string;
  /** Warden's figure, formatted with its unit. */
  readonly warden: string;
  /** The baseline's figure and what it is. */
  readonly baseline: string;
  /** Warden ÷ baseline (the number that stays meaningful on a noisy machine); null when there is none. */
  readonly ratio: number | null;
  /** The target as the issue states it. */
  readonly target: string;
  readonly met: boolean;
}

export function section(title: string): void {
  process.stdout.write(`\n== ${title} ==\n`);
}

export function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}

export const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
export const mb = (v: number) => `${v.toFixed(0)} MB`;

/** The closing table: every figure, its baseline, the ratio and whether the target is met on this run. */
export function printFigures(figures: readonly Figure[]): void {
  section('Figures (each beside its baseline measured in this run)');
  const rows = figures.map((f) => [
    f.what,
    f.warden,
    f.baseline,
    f.ratio === null ? '-' : `${f.ratio.toFixed(2)}×`,
    f.target,
    f.met ? 'met' : 'NOT met',
  ]);
  const header = ['what', 'Warden', 'baseline', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const fmt = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  process.stdout.write(`${fmt(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const r of rows) process.stdout.write(`${fmt(r)}\n`);
}
