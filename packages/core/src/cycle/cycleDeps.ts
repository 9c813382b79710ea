import type { LiveUpdates } from '../app/liveUpdates.js';
import type { SymbolFilters } from '../domain/market.js';
import type { Fill, Order } from '../domain/orders.js';
import type { Signal } from '../domain/signal.js';
import type { MetricsTracker } from '../portfolio/metricsTracker.js';
import type { Broker } from '../ports/broker.js';
import type { MaybePromise } from '../ports/maybePromise.js';
import type { Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import type { EquityWatermarks } from '../risk/equityWatermarks.js';
import type { RiskDecision, RiskEngine } from '../risk/riskEngine.js';
import type { TradingState } from '../state/tradingState.js';
import type { StrategySettings } from '../strategy/types.js';
import type { MarketFeed } from './marketFeed.js';
import type { StrategyHost } from './strategyHost.js';

/**
 * Float marks of the account (exact balances come from the broker). `equityAt(price)` is the whole
 * account's equity in the quote asset with this cycle's pair marked at `price` — with several pairs
 * it includes the others at their latest marks, so every pair is sized against one budget.
 */
export interface AccountMarks {
  equityAt(price: number): number;
  /** This pair's base asset held (free + locked). */
  baseTotal(): number;
  /** The quote asset held (free + locked), shared by every pair. */
  quoteTotal(): number;
  /**
   * What the other pairs hold or have committed, in the quote asset at their latest marks (their
   * positions plus their resting buys): the total exposure cap counts it. 0 with one pair.
   */
  otherPairsExposure?(): number;
}

export interface CycleDeps {
  readonly settings: StrategySettings;
  readonly feed: MarketFeed;
  readonly broker: Broker;
  readonly account: AccountMarks;
  readonly store: Store;
  /** The pair's active strategy (`StrategyHost`, or a test double with the same two methods). */
  readonly strategies: Pick<StrategyHost, 'current' | 'invalidate'>;
  readonly risk: RiskEngine;
  readonly filters: SymbolFilters;
  /** Performance metrics (a `MetricsTracker`; several pairs: a `PairMetrics` that also feeds the portfolio's). */
  readonly metrics: Pick<MetricsTracker, 'onEquity' | 'onFill' | 'snapshot'>;
  readonly watermarks: EquityWatermarks;
  readonly state: () => TradingState;
  /** Enters EMERGENCY_STOP through the control service (cancels open orders, audits, notifies). */
  readonly emergencyStop: (reason: string) => MaybePromise<void>;
  readonly notifier: Notifier;
  readonly liveUpdates?: LiveUpdates;
  /** The broker's restorable state (paper account), written in the cycle's transaction. */
  readonly brokerCheckpoint?: () => unknown;
  /**
   * Called when a cycle's transaction failed after the broker had moved (paper: rewind the broker
   * to its last committed checkpoint). The cycle itself reloads its position and strategy.
   */
  readonly onCommitFailed?: () => void;
  /** Write an equity and metrics snapshot on every cycle (paper/live) or only on deciding cycles. */
  readonly snapshotEveryCycle?: boolean;
  /**
   * Backtests: no per-cycle snapshots, HOLD events, strategy-state or broker checkpoints (nothing
   * restarts a backtest, and its report keeps its own equity curve), and no notifications or live
   * updates. Orders, fills, risk decisions and trade signals are still recorded exactly as in paper.
   */
  readonly replay?: boolean;
}

export interface CycleOutcome {
  readonly cycleId: string;
  readonly decided: boolean;
  readonly signal: Signal | null;
  readonly decision: RiskDecision | null;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly equity: number;
}
