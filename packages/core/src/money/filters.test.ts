import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SymbolFilters } from '../domain/market.js';
import { clearlyAcceptable, filterViolations, floorQuantityNumber, quantizePrice, quantizeQuantity } from './filters.js';

const filters = (stepSize: string, tickSize = '0.01', minNotional = '5'): SymbolFilters => ({
  symbol: 'X/USDT',
  base: 'X',
  quote: 'USDT',
  tickSize,
  minPrice: tickSize,
  maxPrice: '1000000',
  stepSize,
  minQty: stepSize,
  maxQty: '9000000',
  minNotional,
  maxNotional: null,
});

describe('symbol filters', () => {
  it('truncates quantities to the step like Binance (ccxt recorded values)', () => {
    expect(quantizeQuantity('0.0007856509959147719', filters('0.00001')).toFixed()).toBe('0.00078');
    expect(quantizeQuantity('0.4234234234', filters('0.001')).toFixed()).toBe('0.423');
    expect(quantizePrice('55.324242343', filters('0.001'), 'down').toFixed()).toBe('55.32');
  });

  it('the float fast path floors to exactly the same step as the decimal one', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.000001, max: 100_000, noNaN: true }),
        fc.constantFrom('0.00001', '0.001', '0.1', '1', '0.00000001'),
        (q, step) => {
          const exact = quantizeQuantity(q, filters(step)).toNumber();
          const fast = floorQuantityNumber(q, filters(step));
          const units = q / Number(step);
          // Only where the float quotient sits within a billionth of a step below a whole step (0.3 / 0.1
          // = 2.9999999999999996) does the fast path take the whole step the decimal floor drops.
          const atBoundary = Math.floor(units + 1e-9) !== Math.floor(units);
          if (atBoundary) expect([exact, Number((exact + Number(step)).toFixed(8))]).toContain(fast);
          else expect(fast).toBe(exact);
        },
      ),
    );
  });

  it('the float pre-check never disagrees with the exact check when it answers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.double({ min: 1, max: 100_000, noNaN: true }), (units, price) => {
        const f = filters('0.00001');
        const q = units / 100_000;
        const quick = clearlyAcceptable(q, price, f);
        if (quick === 'exact') return;
        const ok = filterViolations(String(q), quantizePrice(price, f).toFixed(), f).filter((v) => !v.startsWith('PRICE_')).length === 0;
        expect(quick === 'yes').toBe(ok);
      }),
    );
  });

  it('checks tick and step the same way whether or not they are powers of ten', () => {
    const odd: SymbolFilters = { ...filters('0.2', '0.05'), minQty: '0.1' };
    expect(filterViolations('0.3', '100.05', odd)).toEqual([]);
    expect(filterViolations('0.4', '100.07', odd)).toEqual(['PRICE_NOT_ON_TICK', 'QTY_NOT_ON_STEP']);
    const decimal = filters('0.001', '0.01');
    expect(filterViolations('0.123', '100.01', decimal)).toEqual([]);
    expect(filterViolations('0.1234', '100.011', decimal)).toEqual(['PRICE_NOT_ON_TICK', 'QTY_NOT_ON_STEP']);
    // minQty off the step grid: LOT_SIZE counts steps from minQty, so 0.0015 is on it and 0.002 is not.
    const offset: SymbolFilters = { ...decimal, minQty: '0.0005' };
    expect(filterViolations('0.0015', '10000', offset)).toEqual([]);
    expect(filterViolations('0.002', '10000', offset)).toEqual(['QTY_NOT_ON_STEP']);
  });
});
