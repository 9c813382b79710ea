import { useStrategy } from '../api/queries';
import { ErrorBox } from '../components/ErrorBox';
import { useSelectedPair } from '../pairs/useSelectedPair';

/** The selected pair's strategy parameters; tunable ones show the bounds the advisor must stay within. */
export function StrategyParams() {
  const { pairs, selected } = useSelectedPair();
  const strategy = useStrategy(selected?.symbol);
  const s = strategy.data;
  const bounds = new Map((s?.tunable ?? []).map((t) => [t.key, t]));
  const keys = [...new Set([...Object.keys(s?.params ?? {}), ...bounds.keys()])];
  return (
    <section className="card" aria-label="Strategy parameters">
      <header className="card-head">
        <h2>
          Strategy <code data-testid="strategy-name">{s?.name ?? '…'}</code>
          {pairs.length > 1 && selected ? <span data-testid="strategy-pair"> · {selected.symbol}</span> : null}
        </h2>
      </header>
      <ErrorBox error={strategy.error} />
      <table className="table" data-testid="strategy-params">
        <thead>
          <tr>
            <th>Parameter</th>
            <th className="num">Value</th>
            <th className="num">Min</th>
            <th className="num">Max</th>
            <th>Meaning</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const b = bounds.get(key);
            return (
              <tr key={key} data-tunable={b ? 'true' : undefined}>
                <td>
                  <code>{key}</code>
                </td>
                <td className="num">{String(s?.params[key] ?? '—')}</td>
                <td className="num">{b ? b.min : ''}</td>
                <td className="num">{b ? `${b.max}${b.integer ? ' (int)' : ''}` : ''}</td>
                <td className="muted small">{b?.description ?? (b ? '' : 'fixed')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
