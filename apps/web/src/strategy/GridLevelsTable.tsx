import { useStrategy } from '../api/queries';
import { money } from '../format';
import { gridLevels, sideTone } from './gridLevels';

/** The active grid's levels and what the strategy reports about them (spacing, regime…), when a grid runs. */
export function GridLevelsTable() {
  const describe = useStrategy().data?.describe;
  if (!describe) return null;
  const levels = gridLevels(describe).sort((a, b) => b.price - a.price);
  const facts = Object.entries(describe).filter(([k, v]) => k !== 'levels' && (typeof v !== 'object' || v === null));
  return (
    <section className="card" aria-label="Strategy state">
      <header className="card-head">
        <h2>Strategy state</h2>
      </header>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{typeof v === 'number' ? v.toLocaleString(undefined, { maximumFractionDigits: 6 }) : String(v)}</dd>
          </div>
        ))}
      </dl>
      {levels.length > 0 ? (
        <table className="table compact">
          <thead>
            <tr>
              <th>Level</th>
              <th>Side</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={`${l.side}-${l.price}`}>
                <td className="num">{money(l.price)}</td>
                <td className={sideTone(l.side)}>{l.side}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
