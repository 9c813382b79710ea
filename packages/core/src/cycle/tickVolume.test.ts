import { describe, expect, it } from 'vitest';
import { ReplayFeed } from '../backtest/replayFeed.js';
import type { Candle, Timeframe } from '../domain/market.js';
import type { MarketData } from '../ports/marketData.js';
import { CacheMarketFeed } from './cacheMarketFeed.js';

const H = 3_600_000;
const bar = (i: number, volume: number): Candle => ({ openTime: i * H, open: 100, high: 101 + i, low: 99 - i, close: 100, volume });

describe('the volume a tick hands the broker (what resting orders may fill from)', () => {
  it('backtest: each step’s volume is its own candle’s', () => {
    const candles = [bar(0, 5), bar(1, 7.5), bar(2, 0)];
    const feed = new ReplayFeed({ '1h': candles }, '1h');
    expect(candles.map((_, i) => feed.snapshot(feed.advance(i)).volume)).toEqual([5, 7.5, 0]);
  });

  it('paper: the volume of the primary candles closed since the last snapshot, none on the first or when none closed', async () => {
    let closed: Candle[] = [bar(0, 5), bar(1, 7)];
    const marketData: MarketData = {
      getClosedCandles: async (_s: string, _tf: Timeframe, limit: number) => closed.slice(-limit),
      getPrice: async () => 100,
      getFilters: async () => {
        throw new Error('not used');
      },
    };
    const feed = new CacheMarketFeed(marketData, 'BTC/USDT', '1h', () => ({ '1h': 10 }));
    // Nothing is known of what traded before the bot looked.
    expect(await feed.snapshot(2 * H)).toMatchObject({ volume: 0, high: 100, low: 100 });
    closed = [...closed, bar(2, 3), bar(3, 4.5)];
    // Two candles closed between cycles: their volumes add up, like their range.
    expect(await feed.snapshot(4 * H)).toMatchObject({ volume: 7.5, high: 104, low: 96 });
    expect(await feed.snapshot(4 * H + 10_000)).toMatchObject({ volume: 0, high: 100, low: 100 });
  });
});
