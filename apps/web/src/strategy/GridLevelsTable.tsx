import { useStrategy } from '../api/queries';
import { dateTime, money } from '../format';
import { useSelectedPair } from '../pairs/useSelectedPair';
import { gridLevels, sideTone } from './gridLevels';

/** Timestamps (lastSignalAt, outOfRangeSince…) as dates, other numbers rounded for reading. */
function fact(key: string, value: unknown): string {
  if (typeof value !== 'number') return String(value);
  if (/(At|Since)$/.test(key) && value > 1e12) return dateTime(value);
  return value.toLocaleString(undefined, { maximumFractionDigits: 6 });
}

/** The selected pair's grid levels and what its strategy reports about them (spacing, regime…), when a grid runs. */
export function GridLevelsTable() {
  const { pairs, selected } = useSelectedPair();
  const describe = useStrategy(selected?.symbol).data?.describe;
  if (!describe) return null;
  const levels = gridLevels(describe).sort((a, b) => b.price - a.price);
  const facts = Object.entries(describe).filter(([k, v]) => k !== 'levels' && (typeof v !== 'object' || v === null));
  return (
    <section className="card" aria-label="Strategy state">
      <header className="card-head">
        <h2>Strategy state{pairs.length > 1 && selected ? ` · ${selected.symbol}` : ''}</h2>
      </header>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{fact(k, v)}</dd>
          </div>
        ))}
      </dl>
      {levels.length > 0 ? (
        <table className="table compact levels">
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
