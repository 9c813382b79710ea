import { useConfig } from '../api/queries';
import { EmptyRow } from '../components/EmptyRow';
import { ErrorBox } from '../components/ErrorBox';
import { dateTime } from '../format';
import { StrategyParams } from '../strategy/StrategyParams';
import { UsersCard } from '../users/UsersCard';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Effective settings (secrets redacted by the server) and the runtime config table with who changed what. */
export function ConfigPage() {
  const config = useConfig();
  const env = Object.entries(config.data?.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const runtime = config.data?.runtime ?? [];
  return (
    <>
      <StrategyParams />
      <UsersCard />
      <section className="card" aria-label="Runtime settings">
        <header className="card-head">
          <h2>Runtime settings</h2>
          <span className="muted small">changed while running; each change is audited</span>
        </header>
        <div className="table-wrap">
          <table className="table compact" data-testid="runtime-table">
            <thead>
              <tr>
                <th>Key</th>
                <th>Value</th>
                <th>Updated</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {runtime.map((r) => (
                <tr key={r.key}>
                  <td>
                    <code>{r.key}</code>
                  </td>
                  <td className="small">
                    <code>{show(r.value)}</code>
                  </td>
                  <td className="small nowrap">{dateTime(r.updatedAt)}</td>
                  <td className="small">{r.updatedBy}</td>
                </tr>
              ))}
              {runtime.length === 0 ? <EmptyRow columns={4}>Nothing changed at runtime yet.</EmptyRow> : null}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-label="Configuration">
        <header className="card-head">
          <h2>Configuration</h2>
          <span className="muted small">from the environment; secrets are redacted by the server</span>
        </header>
        <ErrorBox error={config.error} />
        <dl className="kv-grid" data-testid="config-table">
          {env.map(([k, v]) => (
            <div key={k}>
              <dt>
                <code>{k}</code>
              </dt>
              <dd className={show(v) === '[redacted]' ? 'muted' : undefined}>{show(v)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
