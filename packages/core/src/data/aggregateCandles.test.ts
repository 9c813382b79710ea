import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../domain/market.js';
import { aggregateCandles, canAggregate } from './aggregateCandles.js';
import { assertValidCandles } from './candleValidation.js';

const MIN = 60_000;
const DAY0 = Date.UTC(2021, 1, 19);

/** A random walk of valid 1m bars starting at a UTC day boundary, with some bars left out. */
const minuteBars = fc
  .array(
    fc.record({
      move: fc.double({ min: -0.02, max: 0.02, noNaN: true }),
      spread: fc.double({ min: 0, max: 0.01, noNaN: true }),
      volume: fc.double({ min: 0, max: 50, noNaN: true }),
      keep: fc.boolean(),
    }),
    { minLength: 1, maxLength: 600 },
  )
  .map((steps) => {
    let price = 100;
    const out: Candle[] = [];
    steps.forEach((s, i) => {
      const open = price;
      const close = open * (1 + s.move);
      price = close;
      if (i > 0 && !s.keep && i % 7 === 0) return;
      out.push({
        openTime: DAY0 + i * MIN,
        open,
        high: Math.max(open, close) * (1 + s.spread),
        low: Math.min(open, close) * (1 - s.spread),
        close,
        volume: s.volume,
      });
    });
    return out;
  });

describe('aggregateCandles', () => {
  it('builds only complete, aligned, valid higher bars that bracket their parts', () => {
    fc.assert(
      fc.property(minuteBars, fc.constantFrom('5m', '15m', '1h') as fc.Arbitrary<'5m' | '15m' | '1h'>, (bars, tf) => {
        const built = aggregateCandles(bars, '1m', tf);
        assertValidCandles(built, tf);
        const size = { '5m': 5, '15m': 15, '1h': 60 }[tf];
        return built.every((b) => {
          const parts = bars.filter((c) => c.openTime >= b.openTime && c.openTime < b.openTime + size * MIN);
          return (
            parts.length === size &&
            b.open === parts[0]?.open &&
            b.close === parts.at(-1)?.close &&
            b.high === Math.max(...parts.map((p) => p.high)) &&
            b.low === Math.min(...parts.map((p) => p.low))
          );
        });
      }),
    );
  });

  it('drops an incomplete bucket unless asked to keep it (a forming bar)', () => {
    const bars: Candle[] = [0, 1, 2].map((i) => ({ openTime: DAY0 + i * MIN, open: 1, high: 2, low: 0.5, close: 1.5, volume: 1 }));
    expect(aggregateCandles(bars, '1m', '5m')).toEqual([]);
    expect(aggregateCandles(bars, '1m', '5m', { keepIncomplete: true })).toEqual([
      { openTime: DAY0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 },
    ]);
  });

  it('knows which timeframes tile which', () => {
    expect(canAggregate('1m', '5m')).toBe(true);
    expect(canAggregate('5m', '4h')).toBe(true);
    expect(canAggregate('3m', '5m')).toBe(false);
    expect(canAggregate('4h', '1h')).toBe(false);
    expect(() => aggregateCandles([], '3m', '5m')).toThrow(/cannot aggregate/);
  });
});
