import { useConfig } from '../api/queries';
import { ErrorBox } from '../components/ErrorBox';
import { StrategyParams } from '../strategy/StrategyParams';

/** Flattens nested config into dotted keys so it reads as one table. */
function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, Array.isArray(value) ? value.join(', ') : value === null || value === undefined ? '—' : String(value)]];
}

export function ConfigPage() {
  const config = useConfig();
  const rows = config.data ? flatten(config.data) : [];
  return (
    <>
      <StrategyParams />
      <section className="card" aria-label="Configuration">
        <header className="card-head">
          <h2>Configuration</h2>
          <span className="muted small">secrets are redacted by the server</span>
        </header>
        <ErrorBox error={config.error} />
        <div className="table-wrap">
          <table className="table compact" data-testid="config-table">
            <tbody>
              {rows.map(([k, v]) => (
                <tr key={k}>
                  <td>
                    <code>{k}</code>
                  </td>
                  <td className={/redacted|\*{3}/i.test(v) ? 'muted' : undefined}>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
