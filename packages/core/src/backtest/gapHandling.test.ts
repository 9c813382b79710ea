import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CacheMarketFeed } from '../cycle/cacheMarketFeed.js';
import type { Candle, Timeframe } from '../domain/market.js';
import type { MarketData } from '../ports/marketData.js';
import { createStrategy } from '../strategy/registry.js';
import { buildContext, buildSettings } from '../strategy/testing/contextBuilder.js';
import { randomWalkCandles } from '../strategy/testing/randomWalk.js';
import { paperCycleHarness } from '../testing/cycleHarness.js';
import { InMemoryStore } from './inMemoryStore.js';
import { ReplayFeed } from './replayFeed.js';

const H = 3_600_000;
const start = Date.UTC(2024, 0, 1);
/** 1h candles with `holeAt` removed for `holeLength` bars, prices ×10 after the hole. */
function withHole(count: number, holeAt: number, holeLength: number, seed = 1): Candle[] {
  return randomWalkCandles({ count: count + holeLength, seed, price: 100, sigma: 0.01, stepMs: H, start })
    .map((c, i) => (i >= holeAt + holeLength ? { ...c, open: c.open * 10, high: c.high * 10, low: c.low * 10, close: c.close * 10 } : c))
    .filter((_, i) => i < holeAt || i >= holeAt + holeLength);
}

describe('ReplayFeed never bridges a gap', () => {
  it('starts the window after the hole and reports the hole once, with the price move', () => {
    const candles = withHole(40, 20, 6);
    const feed = new ReplayFeed({ '1h': candles }, '1h');
    const gapsSeen: unknown[] = [];
    let windowAfter: readonly Candle[] = [];
    for (let i = 0; i < candles.length; i++) {
      const snap = feed.snapshot(feed.advance(i));
      gapsSeen.push(...(snap.gaps ?? []));
      if (i === 22) windowAfter = [...(snap.candles['1h'] ?? [])];
    }
    expect(gapsSeen).toEqual([expect.objectContaining({ timeframe: '1h', from: start + 20 * H, to: start + 25 * H, missing: 6 })]);
    expect(windowAfter.map((c) => c.openTime)).toEqual([26, 27, 28].map((i) => start + i * H));
  });
});

describe('indicators after a gap', () => {
  const decisions = (name: string, params: Record<string, unknown>, candles: readonly Candle[]) => {
    const settings = buildSettings({ primaryTimeframe: '1h', timeframes: ['1h'] });
    const strategy = createStrategy(name, params, settings);
    const feed = new ReplayFeed({ '1h': candles }, '1h');
    return candles.map((_, i) => {
      feed.advance(i);
      const snapshot = feed.snapshot(0);
      const signal = strategy.evaluate(buildContext({ '1h': snapshot.candles['1h'] ?? [] }, '1h'));
      return `${signal.action}:${signal.reason}`;
    });
  };

  it.each([
    ['ema_crossover', { fast_period: 3, slow_period: 8 }],
    ['rsi_mean_reversion', { rsi_period: 5 }],
  ])('%s decides after a gap exactly as if the data began after it (property)', (name, params) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        (holeAt, holeLength, seed) => {
          const candles = withHole(80, holeAt, holeLength, seed);
          const after = candles.slice(holeAt);
          expect(decisions(name, params, candles).slice(holeAt)).toEqual(decisions(name, params, after));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('the cycle and a gap', () => {
  it('audits market.gap with what is missing, in paper as in a backtest', async () => {
    const store = new InMemoryStore();
    const candles = withHole(60, 30, 4);
    const harness = paperCycleHarness(store, { '1h': candles }, { TRADING_TIMEFRAMES: '1h', TRADING_ACTIVE_STRATEGY: 'ema_crossover' });
    for (let i = 0; i < candles.length; i++) await harness.step(i);
    const gaps = store.audit.list({ type: 'market.gap' }, { limit: 10 }).items;
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ outcome: 'indicators_restarted', inputs: expect.objectContaining({ missing: 4, timeframe: '1h' }) });
    expect(gaps[0]?.reason).toMatch(/data gap: .*4 × 1h missing, price \+\d+/);
  });
});

describe('CacheMarketFeed (paper and live)', () => {
  it('cuts each window after the newest gap the exchange has and reports it once', async () => {
    const candles = withHole(30, 20, 3);
    const marketData: MarketData = {
      getClosedCandles: async (_s: string, _tf: Timeframe, limit: number) => candles.slice(-limit),
      getPrice: async () => 1000,
      getFilters: async () => {
        throw new Error('not used');
      },
    };
    const feed = new CacheMarketFeed(marketData, 'BTC/USDT', '1h', () => ({ '1h': 20 }));
    const first = await feed.snapshot(0);
    expect(first.candles['1h']?.[0]?.openTime).toBe(start + 23 * H);
    expect(first.gaps).toEqual([expect.objectContaining({ from: start + 20 * H, missing: 3 })]);
    expect((await feed.snapshot(1)).gaps).toEqual([]);
  });
});
