import type { LiveUpdates } from '../app/liveUpdates.js';
import type { SymbolFilters } from '../domain/market.js';
import { TIMEFRAME_MS } from '../domain/market.js';
import { MetricsTracker } from '../portfolio/metricsTracker.js';
import { PairMetrics } from '../portfolio/pairMetrics.js';
import { pairStore } from '../portfolio/pairStore.js';
import { type PairHoldings, PortfolioMarks } from '../portfolio/portfolioMarks.js';
import type { Broker } from '../ports/broker.js';
import type { MaybePromise } from '../ports/maybePromise.js';
import type { Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import type { EquityWatermarks } from '../risk/equityWatermarks.js';
import { RiskEngine } from '../risk/riskEngine.js';
import type { RiskLimits } from '../risk/riskLimits.js';
import type { TradingState } from '../state/tradingState.js';
import type { StrategySettings } from '../strategy/types.js';
import type { MarketFeed } from './marketFeed.js';
import { PortfolioCycle, type PortfolioCycleOptions } from './portfolioCycle.js';
import { StrategyHost } from './strategyHost.js';
import { TradingCycle } from './tradingCycle.js';

/** One pair as the assembly wires it: its market, its broker and what it holds. */
export interface PairWiring {
  readonly settings: StrategySettings;
  readonly filters: SymbolFilters;
  readonly feed: MarketFeed;
  readonly broker: Broker;
  readonly holdings: PairHoldings;
  /** Default: a `StrategyHost` over the pair's scoped store. */
  readonly strategies?: Pick<StrategyHost, 'current' | 'invalidate'>;
}

export interface PortfolioAssemblyInput {
  readonly store: Store;
  readonly pairs: readonly PairWiring[];
  /** The shared quote balance (free + locked), in plain numbers. */
  readonly quoteHeld: () => number;
  readonly riskLimits: RiskLimits;
  readonly watermarks: EquityWatermarks;
  /** The equity returns are measured from (TRADING_PAPER_STARTING_EQUITY, or the first recorded mark). */
  readonly startingEquity: number;
  /** The trading state a pair's cycle sees (the account's, or PAUSED when the pair is paused). */
  readonly state: (symbol: string) => TradingState;
  readonly emergencyStop: (reason: string) => MaybePromise<void>;
  readonly notifier: Notifier;
  readonly liveUpdates?: LiveUpdates;
  /** The account's restorable state (paper), written in every pair's transaction. */
  readonly brokerCheckpoint?: () => unknown;
  readonly onCommitFailed?: () => void;
  readonly snapshotEveryCycle?: boolean;
  readonly replay?: boolean;
  /** Builds each pair's tracker (paper and live rebuild it from the store's history). */
  readonly pairMetrics?: (symbol: string, periodMs: number) => MetricsTracker;
  readonly portfolioOptions?: Omit<PortfolioCycleOptions, 'equity'>;
  /**
   * Each pair's last known price (quote per base) when the account already holds something (paper
   * and live after a restart). Without it a pair is valued at zero until its own cycle runs, so the
   * first pair's cycle of the first tick saw the account without the other pairs' holdings: a false
   * drop against the recorded peak, enough to trip the drawdown stop. Backtests start empty and
   * leave it out (a cache's latest price would be the future there).
   */
  readonly initialMarks?: ReadonlyMap<string, number>;
  /** Quote value held outside the traded pairs (see `PortfolioMarks`); default none. */
  readonly heldOutside?: () => number;
}

/** The assembled account: one `TradingCycle` per pair, the loop over them, and what values it. */
export interface PortfolioAssembly {
  readonly cycles: ReadonlyMap<string, TradingCycle>;
  readonly hosts: ReadonlyMap<string, Pick<StrategyHost, 'current' | 'invalidate'>>;
  readonly portfolio: PortfolioCycle;
  readonly marks: PortfolioMarks;
  readonly risk: RiskEngine;
  /** The account's trade statistics (every pair's fills) and, per pair, its own. */
  readonly metrics: { readonly total: MetricsTracker; readonly pairs: ReadonlyMap<string, MetricsTracker> };
}

/**
 * Wires several pairs into one account, the same way for backtests, paper and live: each pair gets
 * its own `TradingCycle` (the seven steps), strategy host and metrics over its scoped store
 * (`pairStore`), and all of them share the risk engine, the equity watermarks (daily loss and
 * drawdown on the account's equity), the trading state and the quote balance, valued together by
 * `PortfolioMarks`. With one pair this is exactly the single-pair wiring.
 */
export function assemblePortfolio(input: PortfolioAssemblyInput): PortfolioAssembly {
  const holdings = new Map(input.pairs.map((p) => [p.settings.symbol, p.holdings]));
  const marks = new PortfolioMarks(holdings, input.quoteHeld, input.initialMarks, input.heldOutside);
  const risk = new RiskEngine(input.riskLimits);
  const finest = Math.min(...input.pairs.map((p) => TIMEFRAME_MS[p.settings.primaryTimeframe]));
  const single = input.pairs.length === 1;
  // One pair: its tracker is the account's. Several: the account's gets every pair's fills.
  let total: MetricsTracker | null = single ? null : new MetricsTracker({ startingEquity: input.startingEquity, periodMs: finest });
  const pairTrackers = new Map<string, MetricsTracker>();
  const hosts = new Map<string, Pick<StrategyHost, 'current' | 'invalidate'>>();
  const cycles = new Map<string, TradingCycle>();
  for (const p of input.pairs) {
    const symbol = p.settings.symbol;
    const scoped = pairStore(input.store, symbol);
    const periodMs = TIMEFRAME_MS[p.settings.primaryTimeframe];
    const tracker = input.pairMetrics?.(symbol, periodMs) ?? new MetricsTracker({ startingEquity: input.startingEquity, periodMs });
    total ??= tracker;
    const host = p.strategies ?? new StrategyHost(scoped, p.settings);
    pairTrackers.set(symbol, tracker);
    hosts.set(symbol, host);
    cycles.set(
      symbol,
      new TradingCycle({
        settings: p.settings,
        feed: p.feed,
        broker: p.broker,
        account: marks.accountFor(symbol),
        store: scoped,
        strategies: host,
        risk,
        filters: p.filters,
        metrics: single ? tracker : new PairMetrics(tracker, total),
        watermarks: input.watermarks,
        state: () => input.state(symbol),
        emergencyStop: input.emergencyStop,
        notifier: input.notifier,
        ...(input.liveUpdates ? { liveUpdates: input.liveUpdates } : {}),
        ...(input.brokerCheckpoint ? { brokerCheckpoint: input.brokerCheckpoint } : {}),
        ...(input.onCommitFailed ? { onCommitFailed: input.onCommitFailed } : {}),
        ...(input.snapshotEveryCycle !== undefined ? { snapshotEveryCycle: input.snapshotEveryCycle } : {}),
        ...(input.replay !== undefined ? { replay: input.replay } : {}),
      }),
    );
  }
  const portfolio = new PortfolioCycle([...cycles.values()], { ...input.portfolioOptions, equity: () => marks.equity() });
  return { cycles, hosts, portfolio, marks, risk, metrics: { total: total as MetricsTracker, pairs: pairTrackers } };
}
