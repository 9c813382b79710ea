import { axisLabels, esc, polyline, reportHead, scale } from './htmlReport.js';
import type { PortfolioRun } from './portfolioBacktest.js';

const W = 1000;
const H = 260;
const PAD = 40;
const COLOURS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

/**
 * A self-contained page for a portfolio backtest (inline SVG, no scripts, no network): the account's
 * equity curve, what each pair contributed, and the data and assumptions behind it.
 */
export function renderPortfolioReport(run: PortfolioRun, title: string): string {
  const r = run.result;
  const curve = r.equityCurve;
  const t0 = curve[0]?.time ?? 0;
  const t1 = curve[curve.length - 1]?.time ?? 1;
  const x = (t: number) => PAD + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD - 10);
  const eq = curve.map((p) => p.equity);
  const y = scale(eq, 10, H - 20);
  const pnls = r.pairs.map((p) => p.pnl);
  const maxAbs = Math.max(1e-12, ...pnls.map(Math.abs));
  const bars = r.pairs
    .map((p, i) => {
      const w = (Math.abs(p.pnl) / maxAbs) * 400;
      const colour = COLOURS[i % COLOURS.length] as string;
      return `<g><text x="0" y="${22 * i + 15}" class="axis">${esc(p.symbol)}</text><rect x="${p.pnl >= 0 ? 500 : 500 - w}" y="${22 * i + 4}" width="${w.toFixed(1)}" height="14" fill="${colour}"><title>${esc(p.symbol)}: ${p.pnl.toFixed(6)} ${esc(r.quote)}</title></rect></g>`;
    })
    .join('');
  const rows = r.pairs
    .map(
      (p) =>
        `<tr><td>${esc(p.symbol)}</td><td>${esc(p.strategy)}</td><td>${p.trades}</td><td>${p.pnl.toFixed(6)}</td><td>${p.holdingValue.toFixed(6)}</td><td>${p.feesPaid.toFixed(6)}</td><td>${(p.winRate * 100).toFixed(1)} %</td><td>${p.buyHoldReturnPct.toFixed(2)} %</td></tr>`,
    )
    .join('');
  const facts = [...run.lines.data, ...run.lines.gaps, ...run.lines.assumed].map((l) => `<li>${esc(l)}</li>`).join('');
  return `${reportHead(title)}
</style></head><body>
<h1>${esc(title)}</h1>
<div class="sub">${r.pairs.length} pairs sharing one ${esc(r.quote)} balance · return ${r.returnPct.toFixed(2)} % · max drawdown ${r.maxDrawdownPct.toFixed(2)} % · ${r.trades} fills · final equity ${r.finalEquity.toFixed(6)} ${esc(r.quote)} (from ${r.startingEquity})</div>
<h2>Account equity</h2>
<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="portfolio equity curve">${axisLabels(eq, y, (v) => v.toPrecision(6))}${polyline(
    curve.map((p) => x(p.time)),
    eq.map(y),
    '#2563eb',
  )}</svg>
<h2>What each pair contributed (${esc(r.quote)})</h2>
<svg viewBox="0 0 ${W} ${22 * r.pairs.length + 10}" role="img" aria-label="pnl per pair">${bars}</svg>
<table><thead><tr><th>pair</th><th>strategy</th><th>fills</th><th>PnL</th><th>holding</th><th>fees</th><th>win rate</th><th>buy and hold</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Data and assumptions</h2><ul>${facts}</ul>
</body></html>`;
}
