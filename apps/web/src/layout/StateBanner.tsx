import { useStatus } from '../api/queries';
import { pairsOf } from '../pairs/useSelectedPair';

const STATE_TEXT = {
  RUNNING: 'Trading is allowed',
  PAUSED: 'Paused — no new orders',
  EMERGENCY_STOP: 'Emergency stop — open orders canceled; an admin must manually resume',
} as const;

/** On every page: the account's trading state and mode, coloured so that nobody misses a stop or live money. */
export function StateBanner() {
  const { data: status, error } = useStatus();
  if (error) return <div className="banner banner-unknown">State unknown: {(error as Error).message}</div>;
  if (!status) return <div className="banner banner-unknown">Loading state…</div>;
  const pairs = pairsOf(status);
  const paused = pairs.filter((p) => p.paused).length;
  // One pair: which and how it trades; several: how many, and how many an operator paused on their own.
  const what = pairs.length > 1 ? `${pairs.length} pairs${paused ? `, ${paused} paused` : ''}` : `${status.symbol} · ${status.strategy}`;
  return (
    <div className={`banner banner-${status.state.toLowerCase()}`} role="status" data-testid="state-banner" data-state={status.state}>
      <span className="banner-state">{status.state.replace('_', ' ')}</span>
      <span className="banner-text">{STATE_TEXT[status.state]}</span>
      <span className={`mode mode-${status.mode}`} data-testid="mode">
        {status.mode === 'live' ? '⚠ LIVE — real money' : 'paper'}
      </span>
      <span className="banner-meta">
        {what} · scheduler {status.schedulerRunning ? 'on' : 'off'}
      </span>
    </div>
  );
}
