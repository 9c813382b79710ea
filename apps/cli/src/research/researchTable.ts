import type { AggregateStats } from '@warden/core/research/aggregate';
import type { ResearchRow, ResearchSetReport } from '@warden/core/research/researchPlan';
import type { ResearchPart } from '@warden/core/research/walkForward';
import type { ResearchReport } from './researchReport.js';

const HEADERS = ['set', 'strategy', 'part', 'return', 'max DD', 'score', 'trades', 'fees', 'exposure', 'B&H', 'static grid', 'beats grid'];
const NUMERIC = new Set([3, 4, 5, 6, 7, 8, 9, 10]);

/** "1 set", "3 sets". */
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const pct = (v: number, sign = true) => `${sign && v >= 0 ? '+' : ''}${v.toFixed(2)} %`;
const num = (v: number) => (Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(2));

/** The table's cells: one row per set × variant × part, then the aggregate rows. */
export function tableCells(report: ResearchReport): string[][] {
  const rows: string[][] = [];
  for (const set of report.sets) {
    set.rows.forEach((row, i) => {
      rows.push([i === 0 ? setLabel(set) : '', row.variant, row.part, ...rowCells(row)]);
    });
  }
  const n = report.sets.length;
  report.aggregate.forEach((a, i) => {
    rows.push([i === 0 ? `all ${plural(n, 'set')}` : '', a.variant, a.part, ...aggregateCells(a.stats)]);
  });
  return rows;
}

/** The set's id, with the symbol when the id does not already name it, and the primary timeframe. */
export function setLabel(set: ResearchSetReport): string {
  return `${set.id}${set.id.includes('#') ? '' : ` (${set.meta.symbol})`} ${set.meta.timeframe}`;
}

function rowCells(row: ResearchRow): string[] {
  const r = row.result;
  if (!r.ok) return [`failed: ${r.error}`, '', '', '', '', '', '', '', row.staticGrid ? gridCell(row) : '', ''];
  return [
    pct(r.returnPct),
    pct(r.maxDrawdownPct, false),
    num(r.score),
    String(r.trades),
    pct(r.feesPct, false),
    pct(r.exposurePct, false),
    pct(r.buyHoldReturnPct),
    row.staticGrid ? gridCell(row) : '',
    row.beatsStaticGrid === null ? '' : row.beatsStaticGrid ? 'yes' : 'no',
  ];
}

function gridCell(row: ResearchRow): string {
  const g = row.staticGrid?.result;
  return g ? (g.ok ? num(g.score) : 'failed') : '';
}

function aggregateCells(s: AggregateStats): string[] {
  if (s.sets === 0) return [`failed on all ${s.failed} sets`, '', '', '', '', '', '', '', '', ''];
  return [
    pct(s.meanReturnPct),
    pct(s.meanMaxDrawdownPct, false),
    num(s.medianScore),
    s.meanTrades.toFixed(1),
    pct(s.meanFeesPct, false),
    pct(s.meanExposurePct, false),
    pct(s.meanBuyHoldReturnPct),
    s.medianStaticGridScore === null ? '' : num(s.medianStaticGridScore),
    s.beatsStaticGrid === null ? '' : `${s.beatsStaticGrid}/${s.comparedSets}`,
  ];
}

const PART_TEXT: Record<ResearchPart, string> = {
  full: 'full = the whole set',
  'in-sample': 'in-sample = the earlier part, where a search chooses parameters',
  'out-of-sample': 'out-of-sample = the later part, never seen by the choice',
};

/** The lines above the table: what was run and how to read it. */
export function legend(report: ResearchReport): string[] {
  const s = report.settings;
  const is = Math.round(s.inSampleFraction * 100);
  const search = s.search
    ? `${s.search.mode} search, ${s.search.trials} trials, seed ${s.search.seed}${s.search.keys?.length ? ` over ${s.search.keys.join(', ')}` : ''}; winner chosen ${s.select === 'corpus' ? 'once for the corpus (best median in-sample score)' : 'per set (best in-sample score)'}, defaults included`
    : 'none (shipped defaults)';
  return [
    `Research bench: ${plural(report.sets.length, 'set')}, walk-forward ${is}/${100 - is} (${PART_TEXT['in-sample']}; ${PART_TEXT['out-of-sample']}; ${PART_TEXT.full}).`,
    `Parameter search: ${search}.`,
    `score = ${report.score}; "beats grid" = a strictly greater score than the static grid with the same capital, levels, fees and slippage.`,
    `Starting equity ${s.startingEquity ?? '2,000 × the quote’s minimum order (10,000 USDT, 0.2 BTC)'}, fees ${s.feeMakerPct} % maker / ${s.feeTakerPct} % taker, slippage ${s.slippageBps} bps, grid spacing ${s.gridSpacingMode}, inventory bootstrap ${s.gridAutoInventoryBootstrap ? 'on' : 'off'}, drawdown stop ${s.maxDrawdownStopPct} %.`,
    'fees = % of starting equity; B&H = buy-and-hold return over the same candles; aggregate rows: mean return, max DD, trades, fees, exposure, B&H; median score and median static-grid score; beats grid = sets won / sets compared.',
  ];
}

/** Parameters each searched variant picked, one line per set. */
export function chosenLines(report: ResearchReport): string[] {
  const out: string[] = [];
  for (const search of report.searches) {
    out.push(`${search.strategy}: parameters chosen in-sample`);
    report.sets.forEach((set, i) => {
      const pick = search.chosen[i];
      if (!pick) return;
      const params = search.candidates[pick.candidate] ?? {};
      const text = Object.keys(params).length === 0 ? 'the defaults' : JSON.stringify(params);
      out.push(`  ${set.id}: candidate ${pick.candidate} of ${search.candidates.length - 1} — ${text}`);
    });
  }
  return out;
}

/** The report as a plain-text table for a terminal. */
export function renderTable(report: ResearchReport): string {
  const cells = tableCells(report);
  const widths = HEADERS.map((h, c) => Math.max(h.length, ...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (NUMERIC.has(c) ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number)))
      .join('  ')
      .trimEnd();
  const body = cells.map(line);
  const aggregateStart = cells.length - report.aggregate.length;
  body.splice(aggregateStart, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const chosen = chosenLines(report);
  return [
    ...legend(report),
    '',
    line(HEADERS),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body,
    ...(chosen.length ? ['', ...chosen] : []),
  ].join('\n');
}

/** The same table as GitHub markdown (for the README). */
export function renderMarkdown(report: ResearchReport): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const cells = tableCells(report);
  const align = HEADERS.map((_, c) => (NUMERIC.has(c) ? '---:' : '---'));
  const chosen = chosenLines(report);
  return [
    ...legend(report).map((l) => `${l}  `),
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...cells.map((r) => `| ${r.map(esc).join(' | ')} |`),
    ...(chosen.length ? ['', '```', ...chosen, '```'] : []),
  ].join('\n');
}
