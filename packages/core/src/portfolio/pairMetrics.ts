import type { Fill, MetricsSnapshot } from '../domain/orders.js';
import type { MetricsTracker } from './metricsTracker.js';

/**
 * One pair's metrics inside a portfolio: the pair's own tracker gets everything its cycle reports
 * (its trades, fees, win rate; drawdown and Sharpe of the account it is sized against), and the
 * portfolio's tracker gets every pair's fills, so the account's trade statistics add up. The
 * portfolio's equity marks come from the portfolio loop, once per tick, not from each pair.
 */
export class PairMetrics {
  constructor(
    readonly pair: MetricsTracker,
    private readonly portfolio: MetricsTracker,
  ) {}

  onEquity(time: number, equity: number, exposureFraction: number): void {
    this.pair.onEquity(time, equity, exposureFraction);
  }

  onFill(fill: Fill, realizedPnl: string | number, closesTrade?: boolean): void {
    this.pair.onFill(fill, realizedPnl, closesTrade);
    this.portfolio.onFill(fill, realizedPnl, closesTrade);
  }

  snapshot(time: number, cycleId: string | null): MetricsSnapshot {
    return this.pair.snapshot(time, cycleId);
  }
}
