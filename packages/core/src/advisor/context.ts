import type { Approval, ProposalChange } from '../domain/approval.js';
import type { Candle, Timeframe } from '../domain/market.js';
import type { MetricsSnapshot } from '../domain/orders.js';
import type { StrategyParams, TunableParam } from '../strategy/types.js';
import { type MarketSummary, summarizeCandles } from './marketSummary.js';
import type { StrategyCatalog } from './strategyCatalog.js';

/** Raw inputs, read from the store and metrics by `loadAdvisorInput` (or supplied by a test). */
export interface AdvisorInput {
  readonly now: number;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: readonly Candle[];
  readonly metrics: MetricsSnapshot | null;
  /** Equity in time order over the look-back window (current drawdown). */
  readonly equitySeries: readonly { readonly time: number; readonly equity: number }[];
  /** Equity at the very first snapshot (PnL since start). */
  readonly startingEquity: number | null;
  readonly activeStrategy: string;
  readonly params: StrategyParams;
  /** Earlier proposals, newest first; shown to the model as data so it does not repeat rejected ones. */
  readonly recentApprovals: readonly Approval[];
}

export interface Performance {
  /** 0–100. MetricsSnapshot.winRate is a fraction (0–1). */
  readonly winRatePct: number | null;
  readonly tradeCount: number;
  readonly totalReturnPct: number | null;
  readonly maxDrawdownPct: number | null;
  /** Peak-to-now drop of equity inside the look-back window. */
  readonly currentDrawdownPct: number | null;
  readonly pnl: number | null;
  readonly equity: number | null;
}

export interface StrategyView {
  readonly name: string;
  readonly description: string;
  readonly params: StrategyParams;
  readonly tunable: readonly TunableParam[];
}

export interface EarlierProposal {
  readonly id: number;
  readonly status: Approval['status'];
  readonly source: string;
  readonly change: ProposalChange;
  readonly reason: string;
}

/** Everything the advisor (model or rules) decides from. Contains no configuration and no secrets. */
export interface AdvisorContext {
  readonly now: number;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly market: MarketSummary;
  readonly performance: Performance;
  readonly strategy: StrategyView;
  readonly otherStrategies: readonly Omit<StrategyView, 'params'>[];
  readonly earlierProposals: readonly EarlierProposal[];
}

const MAX_EARLIER = 5;
const MAX_EARLIER_REASON = 300;

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

function currentDrawdownPct(series: AdvisorInput['equitySeries']): number | null {
  let peak = -Infinity;
  for (const point of series) peak = Math.max(peak, point.equity);
  const last = series[series.length - 1];
  if (!last || !(peak > 0)) return null;
  return round(Math.max(0, ((peak - last.equity) / peak) * 100));
}

export function buildAdvisorContext(input: AdvisorInput, catalog: StrategyCatalog): AdvisorContext {
  const definition = catalog.definition(input.activeStrategy);
  const lastEquity = input.equitySeries[input.equitySeries.length - 1]?.equity ?? null;
  const m = input.metrics;
  return {
    now: input.now,
    symbol: input.symbol,
    timeframe: input.timeframe,
    market: summarizeCandles(input.candles),
    performance: {
      winRatePct: m ? round(m.winRate * 100, 2) : null,
      tradeCount: m?.tradeCount ?? 0,
      totalReturnPct: m ? round(m.totalReturnPct) : null,
      maxDrawdownPct: m ? round(m.maxDrawdownPct) : null,
      currentDrawdownPct: currentDrawdownPct(input.equitySeries),
      pnl: lastEquity !== null && input.startingEquity !== null ? round(lastEquity - input.startingEquity, 2) : null,
      equity: lastEquity,
    },
    strategy: {
      name: input.activeStrategy,
      description: definition?.description ?? '',
      params: input.params,
      tunable: definition?.tunable ?? [],
    },
    otherStrategies: catalog
      .names()
      .filter((name) => name !== input.activeStrategy)
      .flatMap((name) => {
        const d = catalog.definition(name);
        return d ? [{ name: d.name, description: d.description, tunable: d.tunable }] : [];
      }),
    earlierProposals: input.recentApprovals.slice(0, MAX_EARLIER).map((a) => ({
      id: a.id,
      status: a.status,
      source: a.source,
      change: a.change,
      reason: a.reason.slice(0, MAX_EARLIER_REASON),
    })),
  };
}
