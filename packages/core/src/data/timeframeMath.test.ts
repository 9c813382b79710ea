import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIMEFRAMES } from '../domain/market.js';
import { addBars, barsBetween, closeTimeOf, floorToTimeframe, isAligned, lastClosedOpenTime, openTimesBetween } from './timeframeMath.js';

const anyTime = fc.integer({ min: Date.UTC(2017, 0, 1), max: Date.UTC(2030, 0, 1) });
const anyTimeframe = fc.constantFrom(...TIMEFRAMES);

describe('timeframe math', () => {
  it('floors any time into the bar that contains it, on Binance boundaries', () => {
    fc.assert(
      fc.property(anyTime, anyTimeframe, (t, tf) => {
        const open = floorToTimeframe(t, tf);
        return open <= t && t < closeTimeOf(open, tf) && isAligned(open, tf) && floorToTimeframe(open, tf) === open;
      }),
    );
  });

  it('anchors weeks on Monday, 3-day bars as Binance does, and months on the 1st (UTC)', () => {
    expect(new Date(floorToTimeframe(Date.UTC(2024, 2, 21, 15), '1w')).getUTCDay()).toBe(1);
    expect(floorToTimeframe(1502928000000 + 5_000, '3d')).toBe(1502928000000); // a recorded Binance 3d open
    expect(floorToTimeframe(Date.UTC(2024, 1, 29, 23), '1M')).toBe(Date.UTC(2024, 1, 1));
    expect(addBars(Date.UTC(2024, 0, 1), '1M', 2)).toBe(Date.UTC(2024, 2, 1));
  });

  it('the last closed bar has closed at now and the next one has not', () => {
    fc.assert(
      fc.property(anyTime, anyTimeframe, (now, tf) => {
        const last = lastClosedOpenTime(now, tf);
        return closeTimeOf(last, tf) <= now && closeTimeOf(addBars(last, tf, 1), tf) > now;
      }),
    );
  });

  it('counts and lists bars between two open times consistently', () => {
    fc.assert(
      fc.property(anyTime, fc.integer({ min: 0, max: 300 }), anyTimeframe, (t, n, tf) => {
        const from = floorToTimeframe(t, tf);
        const to = addBars(from, tf, n);
        const list = openTimesBetween(from, to, tf);
        return list.length === n + 1 && barsBetween(from, to, tf) === n + 1 && list[n] === to;
      }),
    );
  });
});
