import type { ResearchSetReport } from '@warden/core/research/researchPlan';
import { RESEARCH_PARTS, type ResearchPart } from '@warden/core/research/walkForward';
import type { ResearchReport } from './researchReport.js';
import { chosenLines, legend, tableCells } from './researchTable.js';

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#854d0e', '#db2777', '#4b5563'];
const W = 420;
const H = 200;
const PAD = 36;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** One part of one set: every variant's equity as a percent of its starting equity, on shared axes. */
function partChart(set: ResearchSetReport, part: ResearchPart, colourOf: (variant: string) => string): string {
  const lines = set.rows.flatMap((r) => {
    const m = r.result;
    if (r.part !== part || !m.ok || m.curve.length < 2) return [];
    return [{ variant: r.variant, points: m.curve.map(([t, e]) => [t, (e / m.startingEquity) * 100] as const) }];
  });
  if (lines.length === 0) return '';
  const all = lines.flatMap((l) => l.points);
  const t0 = Math.min(...all.map((p) => p[0]));
  const t1 = Math.max(...all.map((p) => p[0]));
  let lo = Math.min(...all.map((p) => p[1]));
  let hi = Math.max(...all.map((p) => p[1]));
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const x = (t: number) => PAD + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD - 8);
  const y = (v: number) => H - 18 - ((v - lo) / (hi - lo)) * (H - 30);
  const polylines = lines
    .map(
      (l) =>
        `<polyline fill="none" stroke="${colourOf(l.variant)}" stroke-width="1.4" points="${l.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"><title>${esc(l.variant)}</title></polyline>`,
    )
    .join('');
  const axis = [lo, 100, hi]
    .filter((v) => v >= lo && v <= hi)
    .map((v) => `<text x="2" y="${(y(v) + 4).toFixed(1)}" class="axis">${v.toFixed(1)}</text>`)
    .join('');
  return `<figure><figcaption>${esc(part)} · ${day(t0)} → ${day(t1)}</figcaption><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="equity curves ${esc(set.id)} ${part}">${axis}<line x1="${PAD}" x2="${W - 8}" y1="${y(100).toFixed(1)}" y2="${y(100).toFixed(1)}" class="base"/>${polylines}<text x="${PAD}" y="${H - 3}" class="axis">equity, % of start</text></svg></figure>`;
}

/**
 * A self-contained page (inline CSS and SVG, no script, no network): the legend, the whole table,
 * the parameters a search chose, and for each set its equity curves side by side, one chart per
 * part (full, in-sample, out-of-sample), every variant on the same axes.
 */
export function renderResearchHtml(report: ResearchReport, title = 'Warden research bench'): string {
  const variants = [...new Set(report.sets.flatMap((s) => s.rows.map((r) => r.variant)))];
  const colourOf = (v: string) => COLOURS[variants.indexOf(v) % COLOURS.length] as string;
  const headers = [
    'set',
    'strategy',
    'part',
    'return',
    'max DD',
    'score',
    'trades',
    'fees',
    'exposure',
    'B&H',
    'static grid',
    'beats grid',
  ];
  const aggregateStart = tableCells(report).length - report.aggregate.length;
  const rows = tableCells(report)
    .map(
      (r, i) =>
        `<tr class="${i >= aggregateStart ? 'agg' : ''} ${esc(r[2] ?? '')}">${r.map((c, j) => `<td${j >= 3 ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const keyItems = variants.map((v) => `<span><i style="background:${colourOf(v)}"></i>${esc(v)}</span>`).join('');
  const charts = report.sets
    .map(
      (set) =>
        `<section><h2>${esc(set.id)} — ${esc(set.meta.symbol)} ${esc(set.meta.timeframe)}, ${set.meta.candles} candles, split at ${new Date(set.meta.split.splitTime).toISOString().slice(0, 16).replace('T', ' ')}</h2>${set.meta.notes.length ? `<ul class="notes">${set.meta.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}<div class="charts">${RESEARCH_PARTS.map((p) => partChart(set, p, colourOf)).join('')}</div></section>`,
    )
    .join('\n');
  const chosen = chosenLines(report);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#6b7280;--line:#e5e7eb}
@media (prefers-color-scheme:dark){:root{--fg:#e5e7eb;--bg:#111418;--muted:#9ca3af;--line:#2b3138}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:24px}
table{border-collapse:collapse;font-size:12px}td,th{padding:2px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.agg td{font-weight:600}tr.out-of-sample td:nth-child(3){color:#16a34a}
.charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}figcaption{color:var(--muted);font-size:12px}
svg{border:1px solid var(--line);border-radius:4px}.axis{font-size:10px;fill:var(--muted)}.base{stroke:var(--muted);stroke-dasharray:3 3}
.key span{margin-right:14px;font-size:12px}.key i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
p.legend{color:var(--muted);margin:2px 0}ul.notes{color:var(--muted);font-size:12px;margin:4px 0 8px}h2{font-size:15px;margin-top:28px}
</style></head><body>
<h1>${esc(title)}</h1>
${legend(report)
  .map((l) => `<p class="legend">${esc(l)}</p>`)
  .join('\n')}
<table aria-label="research results"><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
${chosen.length ? `<pre>${esc(chosen.join('\n'))}</pre>` : ''}
<p class="key">${keyItems}</p>
${charts}
</body></html>
`;
}
