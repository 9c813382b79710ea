import type { BacktestResult } from '@warden/core/backtest/runBacktest';
import type { CandleGapReport } from '@warden/core/data/candleGaps';

/** What the report says about its input besides the result: data, gaps, assumptions, why no trades. */
export interface ReportContext {
  readonly data: readonly string[];
  readonly assumed: readonly string[];
  readonly gapsDetail: readonly CandleGapReport[];
  readonly noTrades: string | null;
}

const W = 1000;
const H = 260;
const PAD = 40;

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function scale(values: readonly number[], lo: number, hi: number): (v: number) => number {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  return (v) => hi - ((v - min) / (max - min)) * (hi - lo);
}

export function polyline(xs: readonly number[], ys: readonly number[], colour: string): string {
  const pts = xs.map((x, i) => `${x.toFixed(1)},${(ys[i] as number).toFixed(1)}`).join(' ');
  return `<polyline fill="none" stroke="${colour}" stroke-width="1.6" points="${pts}"/>`;
}

export function axisLabels(values: readonly number[], y: (v: number) => number, fmt: (v: number) => string): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return [min, (min + max) / 2, max].map((v) => `<text x="4" y="${(y(v) + 4).toFixed(1)}" class="axis">${esc(fmt(v))}</text>`).join('');
}

/**
 * The start of a self-contained report page up to inside its `<style>`: the shared look (light and
 * dark), charts and tables. The caller adds its own rules and closes the style.
 */
export function reportHead(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#6b7280;--line:#e5e7eb}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#111418;--muted:#9aa4b2;--line:#2a2f36}}
body{font:14px/1.4 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1040px;padding:16px}
h1{font-size:20px;margin:0 0 4px}.sub{color:var(--muted);margin-bottom:16px}
svg{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;margin-bottom:8px}.axis{fill:var(--muted);font-size:11px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}td,th{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left}`;
}

/** A self-contained page (inline SVG, no scripts, no network): equity vs buy-and-hold, and the trades on the price. */
export function renderBacktestReport(r: BacktestResult, title: string, context?: ReportContext): string {
  const curve = r.equityCurve;
  const t0 = curve[0]?.time ?? 0;
  const t1 = curve[curve.length - 1]?.time ?? 1;
  const x = (t: number) => PAD + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD - 10);
  const xs = curve.map((p) => x(p.time));
  const firstPrice = curve[0]?.price ?? 1;
  const hold = curve.map((p) => (r.startingEquity * p.price) / firstPrice);
  const eq = curve.map((p) => p.equity);
  const yEq = scale([...eq, ...hold], 10, H - 20);
  const prices = curve.map((p) => p.price);
  const yPx = scale([...prices, ...r.fills.map((f) => Number(f.price))], 10, H - 20);
  const markers = r.fills
    .filter((f) => f.time >= t0 && f.time <= t1)
    .map((f) => {
      const cx = x(f.time);
      const cy = yPx(Number(f.price));
      const up = f.side === 'BUY';
      const pts = up
        ? `${cx},${cy - 7} ${cx - 5},${cy + 3} ${cx + 5},${cy + 3}`
        : `${cx},${cy + 7} ${cx - 5},${cy - 3} ${cx + 5},${cy - 3}`;
      return `<polygon points="${pts}" class="${up ? 'buy' : 'sell'}"><title>${f.side} ${esc(f.quantity)} @ ${esc(f.price)} — ${new Date(f.time).toISOString()}</title></polygon>`;
    })
    .join('');
  const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`);
  const stats: Array<[string, string]> = [
    ['Return', pct(r.returnPct)],
    ['Buy and hold', pct(r.buyHoldReturnPct)],
    ['Max drawdown', pct(r.maxDrawdownPct)],
    ['Win rate', `${(r.winRate * 100).toFixed(1)} %`],
    ['Trades (fills)', String(r.trades)],
    ['Fees paid', r.feesPaid.toFixed(2)],
    ['Sharpe', r.sharpe === null ? '—' : r.sharpe.toFixed(2)],
    ['Profit factor', r.profitFactor === null ? '—' : r.profitFactor.toFixed(2)],
    ['Final equity', r.finalEquity.toFixed(2)],
    ['Candles', String(r.candles)],
  ];
  const gapMarks = (context?.gapsDetail ?? [])
    .filter((g) => g.to >= t0 && g.from <= t1)
    .map((g) => {
      const x0 = x(Math.max(t0, g.from));
      const x1 = x(Math.min(t1, g.to));
      return `<rect class="gap" x="${x0.toFixed(1)}" y="0" width="${Math.max(2, x1 - x0).toFixed(1)}" height="${H}"><title>gap: ${g.missing} × ${esc(g.timeframe)} missing from ${new Date(g.from).toISOString()}</title></rect>`;
    })
    .join('');
  const gapRows = (context?.gapsDetail ?? [])
    .slice(0, 200)
    .map(
      (g) =>
        `<tr><td>${new Date(g.from).toISOString().replace('T', ' ').slice(0, 16)}</td><td>${new Date(g.to).toISOString().replace('T', ' ').slice(0, 16)}</td><td>${g.missing} × ${esc(g.timeframe)}</td><td>${g.priceChangePct >= 0 ? '+' : ''}${g.priceChangePct.toFixed(2)} %</td></tr>`,
    )
    .join('');
  const inputSection = context
    ? `<h2>Data and assumptions</h2><ul class="facts">${[...context.data, ...context.assumed].map((l) => `<li>${esc(l)}</li>`).join('')}${context.noTrades ? `<li class="warn">No trades: ${esc(context.noTrades)}</li>` : ''}</ul>
<h2>Gaps in the data</h2>${context.gapsDetail.length === 0 ? '<p class="sub">none: every candle between the first and the last is present</p>' : `<p class="warn">${context.gapsDetail.length} gap(s): indicators restarted after each (shaded on the charts)</p><table><thead><tr><th>first missing (UTC)</th><th>last missing (UTC)</th><th>missing</th><th>price move across</th></tr></thead><tbody>${gapRows}</tbody></table>`}`
    : '';
  const rows = r.fills
    .slice(0, 500)
    .map(
      (f) =>
        `<tr><td>${new Date(f.time).toISOString().replace('T', ' ').slice(0, 16)}</td><td class="${f.side === 'BUY' ? 'buyt' : 'sellt'}">${f.side}</td><td>${esc(f.price)}</td><td>${esc(f.quantity)}</td><td>${esc(f.fee)} ${esc(f.feeAsset)}</td></tr>`,
    )
    .join('');
  return `${reportHead(title)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin-bottom:16px}
.stat{border:1px solid var(--line);border-radius:6px;padding:8px}.stat b{display:block;font-size:18px}.stat span{color:var(--muted);font-size:12px}
.buy{fill:#16a34a}.sell{fill:#dc2626}.buyt{color:#16a34a}.sellt{color:#dc2626}
.legend span{margin-right:16px}.gap{fill:#f59e0b;opacity:.25}.warn{color:#b45309}.facts li{margin:2px 0}
</style></head><body>
<h1>${esc(title)}</h1>
<div class="sub">${esc(r.symbol)} · ${esc(r.timeframe)} · ${r.from ? new Date(r.from).toISOString().slice(0, 16) : ''} → ${r.to ? new Date(r.to).toISOString().slice(0, 16) : ''} · parameters ${esc(JSON.stringify(r.params))}</div>
<div class="grid">${stats.map(([k, v]) => `<div class="stat"><span>${esc(k)}</span><b>${esc(v)}</b></div>`).join('')}</div>
<h2>Equity</h2><div class="legend"><span style="color:#2563eb">■ strategy</span><span style="color:#9ca3af">■ buy and hold</span></div>
<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="equity curve">${axisLabels([...eq, ...hold], yEq, (v) => v.toFixed(0))}${gapMarks}${polyline(xs, hold.map(yEq), '#9ca3af')}${polyline(xs, eq.map(yEq), '#2563eb')}</svg>
<h2>Trades on the price</h2>
<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="price with trades">${axisLabels(prices, yPx, (v) => v.toFixed(2))}${gapMarks}${polyline(xs, prices.map(yPx), '#6b7280')}${markers}</svg>
${inputSection}
<h2>Fills</h2><table><thead><tr><th>time (UTC)</th><th>side</th><th>price</th><th>quantity</th><th>fee</th></tr></thead><tbody>${rows}</tbody></table>
${r.fills.length > 500 ? `<p class="sub">first 500 of ${r.fills.length} fills shown</p>` : ''}
</body></html>`;
}
