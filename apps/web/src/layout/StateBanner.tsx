import { useStatus } from '../api/queries';

const STATE_TEXT = {
  RUNNING: 'Trading is allowed',
  PAUSED: 'Paused — no new orders',
  EMERGENCY_STOP: 'Emergency stop — open orders canceled; an admin must manually resume',
} as const;

/** On every page: the trading state and mode, coloured so that nobody misses a stop or live money. */
export function StateBanner() {
  const { data: status, error } = useStatus();
  if (error) return <div className="banner banner-unknown">State unknown: {(error as Error).message}</div>;
  if (!status) return <div className="banner banner-unknown">Loading state…</div>;
  return (
    <div className={`banner banner-${status.state.toLowerCase()}`} role="status" data-testid="state-banner" data-state={status.state}>
      <span className="banner-state">{status.state.replace('_', ' ')}</span>
      <span className="banner-text">{STATE_TEXT[status.state]}</span>
      <span className={`mode mode-${status.mode}`} data-testid="mode">
        {status.mode === 'live' ? '⚠ LIVE — real money' : 'paper'}
      </span>
      <span className="banner-meta">
        {status.symbol} · {status.strategy} · scheduler {status.schedulerRunning ? 'on' : 'off'}
      </span>
    </div>
  );
}
