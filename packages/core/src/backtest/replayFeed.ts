import type { MarketFeed, MarketSnapshot } from '../cycle/marketFeed.js';
import { type Candle, TIMEFRAME_MS, type Timeframe } from '../domain/market.js';

/**
 * Replays recorded candles as if they were closing one by one. Each timeframe's visible array only
 * grows (candles are pushed as they close), so a cycle costs O(1) however long the history is;
 * strategies feed their indicators only the candles they have not seen.
 */
export class ReplayFeed implements MarketFeed {
  private readonly visible: Partial<Record<Timeframe, Candle[]>> = {};
  private readonly cursor: Partial<Record<Timeframe, number>> = {};
  private current: Candle | null = null;
  private readonly timeframes: readonly Timeframe[];

  constructor(
    private readonly series: Readonly<Partial<Record<Timeframe, readonly Candle[]>>>,
    private readonly primary: Timeframe,
  ) {
    this.timeframes = Object.keys(series) as Timeframe[];
    for (const tf of this.timeframes) {
      this.visible[tf] = [];
      this.cursor[tf] = 0;
    }
  }

  /** The primary candles in order: one cycle runs at each one's close. */
  get steps(): readonly Candle[] {
    return this.series[this.primary] ?? [];
  }

  /** Closes the primary candle `index` (and every higher-timeframe candle that closed by then). */
  advance(index: number): number {
    const candle = this.steps[index];
    if (!candle) throw new RangeError(`no primary candle ${index}`);
    const now = candle.openTime + TIMEFRAME_MS[this.primary];
    for (const tf of this.timeframes) {
      const all = this.series[tf] as readonly Candle[];
      const shown = this.visible[tf] as Candle[];
      let i = this.cursor[tf] as number;
      const len = TIMEFRAME_MS[tf];
      while (i < all.length && (all[i] as Candle).openTime + len <= now) shown.push(all[i++] as Candle);
      this.cursor[tf] = i;
    }
    this.current = candle;
    return now;
  }

  /** One snapshot object, refreshed per step: a year of 1m candles should not mean 525,600 of them. */
  private readonly reused = { now: 0, candles: this.visible, price: 0, high: 0, low: 0 };

  snapshot(now: number): MarketSnapshot {
    const c = this.current;
    if (!c) throw new Error('ReplayFeed.advance() must be called before snapshot()');
    const s = this.reused;
    s.now = now;
    s.price = c.close;
    s.high = c.high;
    s.low = c.low;
    return s;
  }
}
