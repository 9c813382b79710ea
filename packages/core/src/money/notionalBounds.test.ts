import { describe, expect, it } from 'vitest';
import { buildSymbolFilters } from '../execution/symbolFilters.fixture.js';
import { dec } from './decimal.js';
import { filterViolations, meetsMinimums, minimumQuantity, notionalBounds } from './filters.js';

// BTC/USDT at 20 000: 0.0001 BTC is 2 USDT (below a 5 minimum), 0.1 BTC is 2 000 USDT (above a 1 500 maximum).
const PRICE = '20000';
const SMALL = '0.0001';
const LARGE = '0.1';

const notionalOnly = (applyMinToMarket: boolean, applyMaxToMarket: boolean) =>
  buildSymbolFilters({ minNotional: '5', maxNotional: '1500', applyMinToMarket, applyMaxToMarket });

function notionalViolations(quantity: string, filters: ReturnType<typeof buildSymbolFilters>, type: 'LIMIT' | 'MARKET') {
  return filterViolations(quantity, PRICE, filters, type).filter((v) => v.startsWith('NOTIONAL_'));
}

describe('NOTIONAL bounds bind MARKET orders only where the exchange applies them', () => {
  for (const [applyMin, applyMax] of [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ] as const) {
    it(`NOTIONAL with applyMinToMarket=${applyMin}, applyMaxToMarket=${applyMax}`, () => {
      const f = notionalOnly(applyMin, applyMax);
      // LIMIT orders always meet both bounds.
      expect(notionalViolations(SMALL, f, 'LIMIT')).toEqual(['NOTIONAL_BELOW_MIN']);
      expect(notionalViolations(LARGE, f, 'LIMIT')).toEqual(['NOTIONAL_ABOVE_MAX']);
      expect(notionalViolations(SMALL, f, 'MARKET')).toEqual(applyMin ? ['NOTIONAL_BELOW_MIN'] : []);
      expect(notionalViolations(LARGE, f, 'MARKET')).toEqual(applyMax ? ['NOTIONAL_ABOVE_MAX'] : []);
      expect(meetsMinimums(dec(SMALL), dec(PRICE), f, 'MARKET')).toBe(!applyMin);
      expect(minimumQuantity(PRICE, f, 'MARKET').toString()).toBe(applyMin ? '0.00025' : '0.00001');
    });
  }

  it('legacy MIN_NOTIONAL only (no maximum): applyToMarket decides the MARKET minimum', () => {
    for (const applyToMarket of [true, false]) {
      const f = buildSymbolFilters({ minNotional: '5', maxNotional: null, applyMinToMarket: applyToMarket });
      expect(notionalViolations(SMALL, f, 'LIMIT')).toEqual(['NOTIONAL_BELOW_MIN']);
      expect(notionalViolations(SMALL, f, 'MARKET')).toEqual(applyToMarket ? ['NOTIONAL_BELOW_MIN'] : []);
      expect(notionalViolations('100', f, 'LIMIT')).toEqual([]);
      expect(notionalBounds(f, 'MARKET').max).toBeNull();
    }
  });

  it('disabled limits: a zero minimum and a zero or absent maximum bind nothing', () => {
    for (const maxNotional of ['0', null]) {
      const f = buildSymbolFilters({ minNotional: '0', maxNotional });
      for (const type of ['LIMIT', 'MARKET'] as const) {
        expect(notionalViolations('0.00001', f, type)).toEqual([]);
        expect(notionalViolations('9000', f, type)).toEqual([]);
        expect(notionalBounds(f, type)).toEqual({ min: dec(0), max: null });
      }
    }
  });

  it('without the flags (a constructor that does not know them) MARKET orders get the LIMIT bounds: the stricter reading', () => {
    const f = buildSymbolFilters({ minNotional: '5', maxNotional: '1500' });
    expect(notionalViolations(SMALL, f, 'MARKET')).toEqual(['NOTIONAL_BELOW_MIN']);
    expect(notionalViolations(LARGE, f, 'MARKET')).toEqual(['NOTIONAL_ABOVE_MAX']);
    // And the order type defaults to LIMIT, the stricter of the two.
    expect(filterViolations(LARGE, PRICE, notionalOnly(false, false))).toContain('NOTIONAL_ABOVE_MAX');
  });
});
