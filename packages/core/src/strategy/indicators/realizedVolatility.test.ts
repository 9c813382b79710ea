import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RealizedVolatility } from './realizedVolatility.js';

function sampleStdevOfLogReturns(closes: readonly number[]): number {
  const r = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
}

describe('RealizedVolatility', () => {
  it('equals the sample σ of the last `window` log returns, however long it has run (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 10, max: 1000, noNaN: true }), { minLength: 12, maxLength: 200 }),
        fc.integer({ min: 2, max: 10 }),
        (closes, window) => {
          const rv = new RealizedVolatility(window);
          for (const c of closes) rv.add(c);
          const expected = sampleStdevOfLogReturns(closes.slice(-(window + 1)));
          expect(rv.getResult()!).toBeCloseTo(expected, 9);
        },
      ),
    );
  });

  it('is null until the window is full and zero on flat prices', () => {
    const rv = new RealizedVolatility(3);
    for (const c of [5, 5, 5]) rv.add(c);
    expect(rv.getResult()).toBeNull();
    rv.add(5);
    expect(rv.getResult()).toBe(0);
  });
});
