import { splitSymbol } from '../domain/market.js';
import type { EquitySnapshot, Fill, MetricsSnapshot, Position } from '../domain/orders.js';
import { applyFill } from './position.js';
import { ReturnStats } from './returnStats.js';

export interface MetricsOptions {
  /** Equity the returns are measured from (TRADING_PAPER_STARTING_EQUITY, or the first mark). */
  readonly startingEquity: number;
  /** Length of the primary timeframe: one return per period, annualised from it. */
  readonly periodMs: number;
}

export interface EquityPoint {
  readonly time: number;
  readonly equity: number;
  /** Share of equity held in base at this mark, 0–1. */
  readonly exposureFraction: number;
}

export function equityPointFromSnapshot(s: EquitySnapshot): EquityPoint {
  const equity = Number(s.equity);
  return { time: s.time, equity, exposureFraction: equity > 0 ? (Number(s.baseBalance) * Number(s.price)) / equity : 0 };
}

/**
 * Performance metrics kept incrementally: O(1) and allocation-free per equity mark, because the
 * backtest marks equity on every candle. A "trade" is a fill that closes (part of) a position, i.e.
 * a round trip: a SELL, or a BUY covering units sold ahead of it when fills arrived out of order.
 * Win rate and profit factor are over those trades' realized PnL (net of fees).
 */
export class MetricsTracker {
  private readonly startingEquity: number;
  private readonly periodMs: number;
  private lastEquity: number;
  private peak: number;
  private maxDrawdown = 0;
  private exposureSum = 0;
  private marks = 0;
  // Returns: one per primary-timeframe period (the last mark in each period closes it), so a paper
  // cycle every 10 s and a backtest cycle per candle give the same Sharpe on the same prices.
  private readonly returns = new ReturnStats();
  private period = Number.NaN;
  private periodOpenEquity: number;
  private fees = 0;
  private fills = 0;
  private trades = 0;
  private wins = 0;
  private grossProfit = 0;
  private grossLoss = 0;

  constructor(options: MetricsOptions) {
    if (!(options.periodMs > 0)) throw new RangeError('periodMs must be positive');
    this.startingEquity = options.startingEquity;
    this.periodMs = options.periodMs;
    this.lastEquity = options.startingEquity;
    this.peak = options.startingEquity;
    this.periodOpenEquity = options.startingEquity;
  }

  /**
   * Rebuilds the tracker after a restart from what the store keeps: the equity series and every fill
   * (realized PnL is recomputed by replaying the fills through `applyFill`).
   */
  static fromHistory(options: MetricsOptions, equity: Iterable<EquityPoint>, fills: Iterable<Fill>): MetricsTracker {
    const tracker = new MetricsTracker(options);
    const positions = new Map<string, Position | null>();
    for (const fill of fills) {
      const result = applyFill(positions.get(fill.symbol) ?? null, fill);
      positions.set(fill.symbol, result.position);
      tracker.onFill(fill, result.realizedPnl, result.closedQuantity !== '0');
    }
    for (const point of equity) tracker.onEquity(point.time, point.equity, point.exposureFraction);
    return tracker;
  }

  onEquity(time: number, equity: number, exposureFraction: number): void {
    const period = Math.floor(time / this.periodMs);
    if (period !== this.period) {
      if (this.marks > 0 && this.periodOpenEquity > 0) this.returns.add(this.lastEquity / this.periodOpenEquity - 1);
      if (this.marks > 0) this.periodOpenEquity = this.lastEquity;
      this.period = period;
    }
    this.lastEquity = equity;
    if (equity > this.peak) this.peak = equity;
    else if (this.peak > 0) {
      const drawdown = (this.peak - equity) / this.peak;
      if (drawdown > this.maxDrawdown) this.maxDrawdown = drawdown;
    }
    this.exposureSum += exposureFraction;
    this.marks++;
  }

  /**
   * `realizedPnl` is what `applyFill` returned for this fill; `closesTrade` whether it closed units
   * (applyFill's `closedQuantity` > 0). In order that is every SELL; a BUY closes units sold ahead
   * of it when fills arrive out of order. Without it, SELLs count as trades.
   */
  onFill(fill: Fill, realizedPnl: string | number, closesTrade = fill.side === 'SELL'): void {
    this.fills++;
    const { base, quote } = splitSymbol(fill.symbol);
    if (fill.feeAsset === quote) this.fees += Number(fill.fee);
    else if (fill.feeAsset === base) this.fees += Number(fill.fee) * Number(fill.price);
    if (!closesTrade) return;
    const pnl = Number(realizedPnl);
    this.trades++;
    if (pnl > 0) {
      this.wins++;
      this.grossProfit += pnl;
    } else this.grossLoss -= pnl;
  }

  /** Fills of any side (the snapshot's tradeCount counts closed trades only). */
  get fillCount(): number {
    return this.fills;
  }

  get peakEquity(): number {
    return this.peak;
  }

  snapshot(time: number, cycleId: string | null): MetricsSnapshot {
    // The period still open counts as if it closed now.
    const open = this.marks > 0 && this.periodOpenEquity > 0 ? this.lastEquity / this.periodOpenEquity - 1 : null;
    return {
      time,
      cycleId,
      totalReturnPct: this.startingEquity > 0 ? (this.lastEquity / this.startingEquity - 1) * 100 : 0,
      maxDrawdownPct: this.maxDrawdown * 100,
      winRate: this.trades > 0 ? this.wins / this.trades : 0,
      profitFactor: this.grossLoss > 0 ? this.grossProfit / this.grossLoss : null,
      sharpe: this.returns.sharpe(this.periodMs, open),
      feesPaid: this.fees,
      tradeCount: this.trades,
      exposurePct: this.marks > 0 ? (this.exposureSum / this.marks) * 100 : 0,
    };
  }
}
