import { useApprovals, useMetrics, usePortfolio, usePortfolioEquity, usePositions, useStatus } from '../api/queries';
import { Stat } from '../components/Stat';
import { ago, money, num, pct, qty, signed } from '../format';
import { useSelectedPair } from '../pairs/useSelectedPair';
import { href } from '../router';

const tone = (n: number | null) => (n === null || n === 0 ? undefined : n > 0 ? 'up' : 'down');

/** A sum of decimal strings for display, null when none is a number. */
function total(values: readonly string[]): number | null {
  const numbers = values.map(num).filter((n): n is number => n !== null);
  return numbers.length === 0 ? null : numbers.reduce((a, b) => a + b, 0);
}

/**
 * The numbers an operator checks first. The account's: equity and exposure, PnL over every pair,
 * last cycle, approvals waiting. The selected pair's (named when several are traded): return,
 * drawdown, win rate (trade statistics are kept per pair) and its open position.
 */
export function KeyFigures() {
  const status = useStatus().data;
  const { pairs, selected } = useSelectedPair();
  const symbol = selected?.symbol;
  const portfolio = usePortfolio().data;
  const curve = usePortfolioEquity().data?.items ?? [];
  const metrics = useMetrics(symbol).data?.items[0];
  const position = usePositions(symbol).data?.[0];
  const pending = useApprovals({ status: 'PENDING', limit: 100 }).data?.items.length;

  const firstEquity = curve[curve.length - 1]?.equity;
  const realized = total(portfolio?.pairs.map((p) => p.realizedPnl) ?? []);
  const unrealized = total(portfolio?.pairs.map((p) => p.unrealizedPnl) ?? []);
  const pnl = realized === null && unrealized === null ? null : (realized ?? 0) + (unrealized ?? 0);
  const openQty = num(position?.quantity) ?? 0;
  const of = pairs.length > 1 && symbol ? ` · ${symbol}` : '';
  const trades = portfolio?.pairs.reduce((a, p) => a + p.trades, 0) ?? 0;
  const fees = portfolio?.pairs.reduce((a, p) => a + p.feesPaid, 0);

  return (
    <section className="stats" aria-label="Key figures">
      <Stat
        label="Equity"
        testId="stat-equity"
        value={money(portfolio?.equity)}
        sub={
          portfolio?.time != null
            ? `${firstEquity !== undefined ? `from ${money(firstEquity)} in window · ` : ''}exposure ${pct(portfolio.exposurePct, 1)}`
            : 'no snapshot yet'
        }
      />
      <Stat
        label="PnL"
        testId="stat-pnl"
        value={signed(pnl)}
        tone={tone(pnl)}
        sub={`realized ${signed(realized)} · unrealized ${signed(unrealized)} · ${trades} trades · fees ${money(fees)}`}
      />
      <Stat
        label={`Return${of}`}
        value={pct(metrics?.totalReturnPct)}
        tone={tone(metrics?.totalReturnPct ?? null)}
        sub={`${metrics?.tradeCount ?? 0} trades · fees ${money(metrics?.feesPaid)}`}
      />
      <Stat
        label={`Max drawdown${of}`}
        testId="stat-drawdown"
        value={pct(metrics?.maxDrawdownPct)}
        tone={metrics && metrics.maxDrawdownPct > 0 ? 'down' : undefined}
      />
      <Stat
        label={`Win rate${of}`}
        testId="stat-winrate"
        value={metrics ? pct(metrics.winRate <= 1 ? metrics.winRate * 100 : metrics.winRate, 1) : '—'}
        sub={`profit factor ${metrics?.profitFactor?.toFixed(2) ?? '—'} · exposure ${pct(metrics?.exposurePct, 1)}`}
      />
      <Stat
        label={`Open position${of}`}
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
