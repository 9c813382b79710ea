import { useApprovals, useEquity, useMetrics, usePositions, useStatus } from '../api/queries';
import { Stat } from '../components/Stat';
import { ago, money, num, pct, qty, signed } from '../format';
import { href } from '../router';

const tone = (n: number | null) => (n === null || n === 0 ? undefined : n > 0 ? 'up' : 'down');

/** The numbers an operator checks first: equity and PnL, drawdown, win rate, position, last cycle, approvals waiting. */
export function KeyFigures() {
  const status = useStatus().data;
  const equity = useEquity().data?.items ?? [];
  const metrics = useMetrics().data?.items[0];
  const positions = usePositions().data ?? [];
  const pending = useApprovals({ status: 'PENDING', limit: 100 }).data?.items.length;

  const latest = equity[0];
  const firstEquity = num(equity[equity.length - 1]?.equity);
  const realized = num(latest?.realizedPnl);
  const unrealized = num(latest?.unrealizedPnl);
  const pnl = realized === null && unrealized === null ? null : (realized ?? 0) + (unrealized ?? 0);
  const position = positions.find((p) => p.symbol === status?.symbol) ?? positions[0];
  const openQty = num(position?.quantity) ?? 0;

  return (
    <section className="stats" aria-label="Key figures">
      <Stat
        label="Equity"
        testId="stat-equity"
        value={money(latest?.equity)}
        sub={firstEquity !== null && latest ? `from ${money(firstEquity)} in window` : 'no snapshot yet'}
      />
      <Stat
        label="PnL"
        testId="stat-pnl"
        value={signed(pnl)}
        tone={tone(pnl)}
        sub={`realized ${signed(realized)} · unrealized ${signed(unrealized)}`}
      />
      <Stat
        label="Return"
        value={pct(metrics?.totalReturnPct)}
        tone={tone(metrics?.totalReturnPct ?? null)}
        sub={`${metrics?.tradeCount ?? 0} trades · fees ${money(metrics?.feesPaid)}`}
      />
      <Stat
        label="Max drawdown"
        testId="stat-drawdown"
        value={pct(metrics?.maxDrawdownPct)}
        tone={metrics && metrics.maxDrawdownPct > 0 ? 'down' : undefined}
      />
      <Stat
        label="Win rate"
        testId="stat-winrate"
        value={metrics ? pct(metrics.winRate <= 1 ? metrics.winRate * 100 : metrics.winRate, 1) : '—'}
        sub={`profit factor ${metrics?.profitFactor?.toFixed(2) ?? '—'} · exposure ${pct(metrics?.exposurePct, 1)}`}
      />
      <Stat
        label="Open position"
        testId="stat-position"
        value={openQty === 0 ? 'flat' : qty(openQty)}
        sub={
          openQty === 0
            ? position
              ? `realized ${signed(num(position.realizedPnl))}`
              : 'no fills yet'
            : `avg entry ${money(position?.avgEntryPrice)}`
        }
      />
      <Stat
        label="Last cycle"
        testId="stat-last-cycle"
        value={ago(status?.lastCycleAt)}
        sub={`${status?.cycleCount ?? 0} cycles${status?.lastCycleId ? ` · ${status.lastCycleId}` : ''}${status?.lastError ? ` · last error: ${status.lastError}` : ''}`}
        tone={status?.lastError ? 'warn' : undefined}
      />
      <Stat
        label="Pending approvals"
        testId="stat-pending"
        value={<a href={href('approvals')}>{pending ?? '—'}</a>}
        tone={pending ? 'warn' : undefined}
        sub={pending ? 'waiting for a decision' : 'nothing to decide'}
      />
    </section>
  );
}
