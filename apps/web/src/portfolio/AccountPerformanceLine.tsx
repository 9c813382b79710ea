import type { AccountPerformance } from '@warden/core/app/portfolioView';
import { pct, signed } from '../format';

/** A limit in percent, or "off" when the setting is 0. */
const limit = (value: number) => (value > 0 ? `limit ${pct(value, 0)}` : 'no limit');

/**
 * The account's return since the start, drawdown from its peak and P&L since the UTC day started,
 * each beside the risk limit that would stop the bot (RISK_MAX_DRAWDOWN_PCT, RISK_DAILY_LOSS_LIMIT_PCT).
 */
export function AccountPerformanceLine({ performance: p, quote }: { performance: AccountPerformance; quote: string }) {
  const tone = (value: number) => (value > 0 ? 'up' : value < 0 ? 'down' : undefined);
  return (
    <p className="small account-performance" data-testid="account-performance">
      <span data-field="return" data-value={p.returnPct.toFixed(4)}>
        return <strong className={tone(p.returnPct)}>{pct(p.returnPct)}</strong>
      </span>
      {' · '}
      <span data-field="drawdown" data-value={p.drawdownPct.toFixed(4)}>
        drawdown <strong className={p.drawdownPct > 0 ? 'down' : undefined}>{pct(p.drawdownPct)}</strong>{' '}
        <span className="muted">({limit(p.drawdownLimitPct)})</span>
      </span>
      {' · '}
      <span data-field="today" data-value={p.dayPnlPct.toFixed(4)}>
        today <strong className={tone(p.dayPnl)}>{signed(p.dayPnl)}</strong> {quote} ({pct(p.dayPnlPct)}){' '}
        <span className="muted">({limit(p.dailyLossLimitPct)} loss)</span>
      </span>
    </p>
  );
}
