import { randomWalkCandles } from '@warden/testkit/candles';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateCandles } from '../data/aggregateCandles.js';
import { type Candle, TIMEFRAME_MS } from '../domain/market.js';
import { partWindow, walkForwardSplit } from './walkForward.js';

const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);
const h1 = randomWalkCandles({ count: 1000, stepMs: HOUR, seed: 7, start: START });
const h4 = aggregateCandles(h1, '1h', '4h');

describe('walkForwardSplit', () => {
  it('cuts at floor(n × fraction): 70/30 of 1000 candles is 700 in-sample, 300 out-of-sample', () => {
    const split = walkForwardSplit(h1, 0.7);
    expect(split.inSample).toEqual({ from: START, to: START + 699 * HOUR, candles: 700 });
    expect(split.outOfSample).toEqual({ from: START + 700 * HOUR, to: START + 999 * HOUR, candles: 300 });
    expect(split.splitTime).toBe(START + 700 * HOUR);
  });

  it('refuses a fraction outside (0, 1) and a set too short to split', () => {
    expect(() => walkForwardSplit(h1, 1)).toThrow(/between 0 and 1/);
    expect(() => walkForwardSplit(h1, 0)).toThrow(/between 0 and 1/);
    expect(() => walkForwardSplit(h1.slice(0, 1), 0.7)).toThrow(/1 candles are too few/);
  });
});

describe('partWindow', () => {
  const split = walkForwardSplit(h1, 0.7);
  const candles = { '1h': h1, '4h': h4 };

  it('gives an in-sample run only candles closed by the split time, on every timeframe', () => {
    const w = partWindow(candles, split, 'in-sample', { '1h': 50, '4h': 35 });
    expect(w.from).toBeUndefined();
    expect(w.candles['1h']).toEqual(h1.slice(0, 700));
    const last4h = w.candles['4h']?.at(-1) as Candle;
    expect(last4h.openTime + TIMEFRAME_MS['4h']).toBeLessThanOrEqual(split.splitTime);
    expect(w.candles['4h']).toHaveLength(175);
  });

  it('warms an out-of-sample run up with exactly the required candles from the end of the in-sample part', () => {
    const w = partWindow(candles, split, 'out-of-sample', { '1h': 50, '4h': 35 });
    expect(w.from).toBe(split.splitTime);
    expect(w.candles['1h']).toEqual(h1.slice(650));
    expect(w.candles['4h']).toEqual(h4.slice(175 - 35));
    // the warm-up candles all closed by the split: none is out-of-sample data
    const warm = (w.candles['1h'] ?? []).filter((c) => c.openTime < split.splitTime);
    expect(warm).toHaveLength(50);
  });

  it('takes what the in-sample part has when the warm-up asks for more', () => {
    const w = partWindow(candles, split, 'out-of-sample', { '1h': 5000 });
    expect(w.candles['1h']).toEqual(h1);
    expect(w.candles['4h']).toEqual(h4.slice(175));
  });

  it('never lets an in-sample window hold a candle closing after the split, for any cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (percent) => {
        const s = walkForwardSplit(h1, percent / 100);
        const w = partWindow(candles, s, 'in-sample', {});
        for (const tf of ['1h', '4h'] as const)
          for (const c of w.candles[tf] ?? []) expect(c.openTime + TIMEFRAME_MS[tf]).toBeLessThanOrEqual(s.splitTime);
        // and every out-of-sample candle after the warm-up closes after the split
        const o = partWindow(candles, s, 'out-of-sample', {});
        for (const tf of ['1h', '4h'] as const)
          for (const c of o.candles[tf] ?? []) expect(c.openTime + TIMEFRAME_MS[tf]).toBeGreaterThan(s.splitTime);
      }),
    );
  });

  it('gives a full run everything', () => {
    expect(partWindow(candles, split, 'full', { '1h': 10 })).toEqual({ candles });
  });
});
