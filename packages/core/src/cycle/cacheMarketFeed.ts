import { type CandleGapReport, sinceLastGap } from '../data/candleGaps.js';
import type { Candle, Timeframe } from '../domain/market.js';
import type { MarketData } from '../ports/marketData.js';
import type { MarketFeed, MarketSnapshot } from './marketFeed.js';

/**
 * Paper and live: each cycle reads the newest closed candles from the candle cache (which fetches
 * only what is missing) and the latest price. The high/low handed to the broker covers every
 * primary candle that closed since the previous snapshot, so a resting limit order crossed
 * between two cycles still fills; the volume is those candles' summed (base) volume, which bounds
 * how much of it fills (the paper broker's partial fills). The first snapshot counts no candle:
 * nothing is known about what traded before it, so high/low are the price and the volume is 0. A window that spans a hole the exchange has (a recorded gap)
 * starts after it, so indicators warm up again; the first snapshot to meet a gap reports it.
 */
export class CacheMarketFeed implements MarketFeed {
  private lastSeenOpenTime = Number.POSITIVE_INFINITY;
  /** Newest gap already reported per timeframe (its first missing open time). */
  private readonly reportedGaps = new Map<Timeframe, number>();

  constructor(
    private readonly marketData: MarketData,
    private readonly symbol: string,
    private readonly primaryTimeframe: Timeframe,
    private readonly windows: () => Partial<Record<Timeframe, number>>,
  ) {}

  async snapshot(now: number): Promise<MarketSnapshot> {
    const windows = this.windows();
    const candles: Partial<Record<Timeframe, readonly Candle[]>> = {};
    const gaps: CandleGapReport[] = [];
    const load = async (tf: Timeframe, count: number) => {
      const { window, gap } = sinceLastGap(await this.marketData.getClosedCandles(this.symbol, tf, Math.max(1, count)), tf);
      candles[tf] = window;
      if (gap && (this.reportedGaps.get(tf) ?? Number.NEGATIVE_INFINITY) < gap.from) {
        this.reportedGaps.set(tf, gap.from);
        gaps.push(gap);
      }
    };
    for (const [tf, count] of Object.entries(windows) as Array<[Timeframe, number]>) await load(tf, count);
    if (!candles[this.primaryTimeframe]) await load(this.primaryTimeframe, 2);
    const price = await this.marketData.getPrice(this.symbol);
    let high = price;
    let low = price;
    let volume = 0;
    for (const c of candles[this.primaryTimeframe] ?? []) {
      if (c.openTime > this.lastSeenOpenTime) {
        high = Math.max(high, c.high);
        low = Math.min(low, c.low);
        volume += c.volume;
      }
    }
    const primary = candles[this.primaryTimeframe] ?? [];
    const last = primary[primary.length - 1];
    if (last) this.lastSeenOpenTime = last.openTime;
    return { now, candles, price, high, low, volume, gaps };
  }
}
