import type { CandleGapReport } from '../data/candleGaps.js';
import type { Candle, Timeframe } from '../domain/market.js';
import type { MaybePromise } from '../ports/maybePromise.js';

/** What one cycle sees of the market. Backtest replays recorded candles; paper and live read the candle cache. */
export interface MarketSnapshot {
  readonly now: number;
  /** Closed candles per timeframe, oldest first (the primary timeframe is always present). */
  readonly candles: Readonly<Partial<Record<Timeframe, readonly Candle[]>>>;
  readonly price: number;
  /** Extremes traded since the previous snapshot, so resting limit orders fill when crossed. */
  readonly high: number;
  readonly low: number;
  /** Base volume traded since the previous snapshot (the same candles as high/low; 0 when none closed). */
  readonly volume: number;
  /**
   * Holes in the data first met by this snapshot. Windows never span a gap: they begin after the
   * newest one, so indicators warm up again instead of reading the hole as one candle's move.
   */
  readonly gaps?: readonly CandleGapReport[];
}

export interface MarketFeed {
  /** Replay answers synchronously (no await per candle in a backtest); the exchange-backed feed asynchronously. */
  snapshot(now: number): MaybePromise<MarketSnapshot>;
}
