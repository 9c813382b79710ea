import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantizePrice } from '../../money/filters.js';
import { BTC_FILTERS } from '../testing/contextBuilder.js';
import { roundToTick } from './tickRounding.js';

describe('roundToTick', () => {
  it('agrees with exact decimal rounding wherever the price is not within a billionth of a tick of a boundary (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.0001, max: 1_000_000, noNaN: true }),
        fc.constantFrom('0.01', '0.1', '1', '0.00000100', '0.5', '10'),
        fc.constantFrom('down' as const, 'up' as const, 'nearest' as const),
        (price, tickSize, mode) => {
          const units = price / Number(tickSize);
          fc.pre(Math.abs(units - Math.round(units)) > 1e-6 && Math.abs(units - Math.floor(units) - 0.5) > 1e-6);
          const exact = quantizePrice(price, { ...BTC_FILTERS, tickSize }, mode);
          expect(String(roundToTick(price, tickSize, mode))).toBe(exact.toString());
        },
      ),
    );
  });

  it('keeps a price already on the tick', () => {
    expect(roundToTick(99.61, '0.01', 'down')).toBe(99.61);
    expect(roundToTick(99.61, '0.01', 'up')).toBe(99.61);
    expect(roundToTick(0.3, '0.1', 'up')).toBe(0.3);
  });
});
