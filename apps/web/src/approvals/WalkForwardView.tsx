import type { WalkForwardCheck } from '../api/types';
import { pct } from '../format';

const score = (v: number) => v.toFixed(2);

/**
 * The research bench's walk-forward check: current and proposed parameters scored (return / max
 * drawdown) on the earlier and the later part of the same recent candles. The out-of-sample
 * figures are the ones to trust; the verdict says whether the proposal wins there.
 */
export function WalkForwardView({ check }: { check: WalkForwardCheck | null }) {
  if (!check) return <p className="muted small walkforward">No walk-forward score for this proposal.</p>;
  const rows = [
    [
      'In-sample score',
      score(check.current.inSample.score),
      score(check.proposed.inSample.score),
      check.proposed.inSample.score - check.current.inSample.score,
    ],
    [
      'Out-of-sample score',
      score(check.current.outOfSample.score),
      score(check.proposed.outOfSample.score),
      check.proposed.outOfSample.score - check.current.outOfSample.score,
    ],
    [
      'Out-of-sample return',
      pct(check.current.outOfSample.returnPct),
      pct(check.proposed.outOfSample.returnPct),
      check.proposed.outOfSample.returnPct - check.current.outOfSample.returnPct,
    ],
    [
      'Out-of-sample max drawdown',
      pct(check.current.outOfSample.maxDrawdownPct),
      pct(check.proposed.outOfSample.maxDrawdownPct),
      check.current.outOfSample.maxDrawdownPct - check.proposed.outOfSample.maxDrawdownPct,
    ],
  ] as const;
  return (
    <div className="walkforward">
      <table className="table compact whatif" aria-label="Walk-forward score">
        <thead>
          <tr>
            <th>
              Walk-forward, score = return / max drawdown ({check.inSampleCandles} in-sample + {check.outOfSampleCandles} out-of-sample
              candles)
            </th>
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
      <p className={`small ${check.proposedBeatsCurrent ? 'up' : 'down'}`} data-testid="walk-forward-verdict">
        {check.proposedBeatsCurrent ? 'Beats the current parameters out-of-sample' : 'Does not beat the current parameters out-of-sample'}
      </p>
    </div>
  );
}
