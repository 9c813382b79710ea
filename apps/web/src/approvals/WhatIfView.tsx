import type { WhatIfResult } from '../api/types';
import { pct } from '../format';

/** The what-if backtest: the same recent candles run with current and proposed parameters. */
export function WhatIfView({ whatIf }: { whatIf: WhatIfResult | null }) {
  if (!whatIf) return <p className="muted small">No what-if backtest for this proposal.</p>;
  const rows = [
    ['Return', pct(whatIf.current.returnPct), pct(whatIf.proposed.returnPct), whatIf.proposed.returnPct - whatIf.current.returnPct],
    [
      'Max drawdown',
      pct(whatIf.current.maxDrawdownPct),
      pct(whatIf.proposed.maxDrawdownPct),
      whatIf.current.maxDrawdownPct - whatIf.proposed.maxDrawdownPct,
    ],
    ['Trades', String(whatIf.current.trades), String(whatIf.proposed.trades), 0],
  ] as const;
  return (
    <table className="table compact whatif" aria-label="What-if comparison">
      <thead>
        <tr>
          <th>What-if ({whatIf.candles} candles)</th>
          <th className="num">Current</th>
          <th className="num">Proposed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, current, proposed, better]) => (
          <tr key={label}>
            <td>{label}</td>
            <td className="num">{current}</td>
            <td className={`num ${better > 0 ? 'up' : better < 0 ? 'down' : ''}`}>{proposed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
