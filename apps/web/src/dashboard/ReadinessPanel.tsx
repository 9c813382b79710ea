import { useStatus } from '../api/queries';
import type { TimeframeReadiness } from '../api/types';
import { pairsOf } from '../pairs/useSelectedPair';

function ReadinessRows({ rows }: { rows: readonly TimeframeReadiness[] }) {
  return (
    <ul className="readiness">
      {rows.map((r) => {
        const share = r.required > 0 ? Math.min(1, r.available / r.required) : 1;
        return (
          <li key={r.timeframe}>
            <span className="tf">{r.timeframe}</span>
            <span className="bar">
              <span className={r.ready ? 'fill fill-ok' : 'fill fill-warn'} style={{ width: `${share * 100}%` }} />
            </span>
            <span className="small">
              {r.available}/{r.required}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Warm-up per timeframe (per pair when several are traded): the scheduler refuses to start
 * (TRADING_REQUIRE_DATA_READY) until each bar is full.
 */
export function ReadinessPanel() {
  const status = useStatus().data;
  if (!status) return null;
  const pairs = pairsOf(status);
  return (
    <section className="card" aria-label="Data readiness">
      <header className="card-head">
        <h2>Data readiness</h2>
        <span className={status.dataReady ? 'badge ok' : 'badge warn'} data-testid="data-ready">
          {status.dataReady ? 'ready' : 'warming up'}
        </span>
      </header>
      {pairs.length > 1 ? (
        pairs.map((p) => (
          <div key={p.symbol} className="readiness-pair" data-symbol={p.symbol}>
            <h3 className="small">
              {p.symbol} <span className={p.dataReady ? 'ok' : 'warn'}>{p.dataReady ? '✔' : '…'}</span>
            </h3>
            <ReadinessRows rows={status.dataReadiness.filter((r) => r.symbol === p.symbol)} />
          </div>
        ))
      ) : (
        <ReadinessRows rows={status.dataReadiness} />
      )}
      <p className="muted small">
        Scheduler <strong>{status.schedulerRunning ? 'running' : 'stopped'}</strong> · v{status.version} · up since{' '}
        {new Date(status.startedAt).toLocaleString()}
      </p>
    </section>
  );
}
