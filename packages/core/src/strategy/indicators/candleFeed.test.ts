import fc from 'fast-check';
import { EMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/market.js';
import { btc1m2021 } from '../testing/candleFixtures.js';
import { CandleFeed } from './candleFeed.js';

const emaFeed = () =>
  new CandleFeed<EMA>(
    () => new EMA(10),
    (ema, c) => ema.add(c.close),
  );

function emaOver(candles: readonly Candle[]): number | null {
  const ema = new EMA(10);
  for (const c of candles) ema.add(c.close);
  return ema.getResult();
}

describe('CandleFeed', () => {
  const candles = btc1m2021().slice(0, 400);

  it('feeds a sliding window incrementally to the same result as the whole history', () => {
    const feed = emaFeed();
    const modes: string[] = [];
    for (let i = 50; i < candles.length; i++) {
      modes.push(feed.sync(candles.slice(Math.max(0, i - 100), i + 1)));
      expect(feed.state.getResult()).toBe(emaOver(candles.slice(0, i + 1)));
    }
    expect(modes[0]).toBe('rebuilt');
    expect(new Set(modes.slice(1))).toEqual(new Set(['incremental']));
  });

  it('rebuilds only once at the start, whatever the window sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 2, max: 60 }),
        (steps, window) => {
          const feed = emaFeed();
          let end = 60;
          let rebuilds = 0;
          for (const step of steps) {
            end = Math.min(candles.length, end + Math.min(step, window - 1));
            if (feed.sync(candles.slice(Math.max(0, end - window), end)) === 'rebuilt') rebuilds++;
          }
          expect(rebuilds).toBe(1);
        },
      ),
    );
  });

  it('does nothing when no new candle closed', () => {
    const feed = emaFeed();
    feed.sync(candles.slice(0, 100));
    expect(feed.sync(candles.slice(10, 100))).toBe('unchanged');
    expect(feed.fed).toBe(100);
  });

  it('rebuilds from the window when candles go backwards (a replay)', () => {
    const feed = emaFeed();
    feed.sync(candles.slice(0, 300));
    expect(feed.sync(candles.slice(0, 120))).toBe('rebuilt');
    expect(feed.state.getResult()).toBe(emaOver(candles.slice(0, 120)));
  });

  it('rebuilds from the window when it jumps past the last candle seen', () => {
    const feed = emaFeed();
    feed.sync(candles.slice(0, 100));
    expect(feed.sync(candles.slice(200, 300))).toBe('rebuilt');
    expect(feed.state.getResult()).toBe(emaOver(candles.slice(200, 300)));
  });

  it('rebuilds when the last candle seen was rewritten (a re-fetched bar)', () => {
    const feed = emaFeed();
    feed.sync(candles.slice(0, 100));
    const rewritten = candles.slice(0, 101).map((c, i) => (i === 99 ? { ...c, close: c.close + 1 } : c));
    expect(feed.sync(rewritten)).toBe('rebuilt');
  });
});
