import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marketFillPrice } from '../execution/fillPricing.js';
import { buildSymbolFilters } from '../execution/symbolFilters.fixture.js';
import { dec } from '../money/decimal.js';
import { quantizePrice } from '../money/filters.js';
import { type SizingRequest, sizeOrder } from './orderSizing.js';
import { buildRiskInput, buildRiskLimits } from './riskInput.fixture.js';

/** Requests around every cap: equity, position, balances and order limit all near the requested size. */
const requestArb = fc
  .record({
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    price: fc.integer({ min: 100, max: 9_000_000 }).map((cents) => cents / 100),
    equity: fc.double({ min: 0, max: 50_000, noNaN: true }),
    positionFraction: fc.double({ min: 0, max: 1.2, noNaN: true }),
    restingFraction: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.8, noNaN: true })),
    freeQuote: fc.integer({ min: 0, max: 5_000_000_000 }).map((units) => dec(units).div(100_000).toFixed()),
    freeBase: fc.integer({ min: 0, max: 100_000_000 }).map((sats) => dec(sats).div(100_000_000).toFixed()),
    quoteAmount: fc.option(fc.double({ min: 0, max: 20_000, noNaN: true })),
    maxOrderNotional: fc.constantFrom(0, 5, 1_000, 10_000),
    maxPositionPct: fc.constantFrom(0, 10, 50, 100),
    maxNotional: fc.constantFrom(null, '100', '5000'),
  })
  .map((r): SizingRequest => {
    const filters = buildSymbolFilters({ maxNotional: r.maxNotional });
    const limits = buildRiskLimits({ maxOrderNotional: r.maxOrderNotional, maxPositionPct: r.maxPositionPct });
    const positionQuantity = dec((r.equity * r.positionFraction) / r.price)
      .toDecimalPlaces(5)
      .toFixed();
    const restingBuyQuantity = dec((r.equity * r.restingFraction) / r.price)
      .toDecimalPlaces(5)
      .toFixed();
    const input = buildRiskInput({
      signal: { action: r.side, reason: 'property', inputs: {}, ...(r.quoteAmount === null ? {} : { quoteAmount: r.quoteAmount }) },
      price: r.price,
      filters,
      equity: r.equity,
      freeQuote: r.freeQuote,
      freeBase: r.freeBase,
      positionQuantity,
      restingBuyQuantity,
    });
    const order = quantizePrice(r.price, filters, 'nearest');
    return { input, side: r.side, type: 'MARKET', prices: { order, buyCost: marketFillPrice('BUY', r.price, 5, filters) }, limits };
  });

describe('order sizing', () => {
  it('sizes exactly as with every cap computed exactly; an estimated cap is one clearly above the request', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const fast = sizeOrder(request);
        const exact = sizeOrder(request, false);
        expect(fast.quantity.toFixed()).toBe(exact.quantity.toFixed());
        expect(fast.shrunkBy).toEqual(exact.shrunkBy);
        expect(fast.blockedBy).toEqual(exact.blockedBy);
        fast.caps.forEach((cap, i) => {
          const precise = exact.caps[i]?.maxQuantity;
          if (typeof cap.maxQuantity !== 'number' || precise === undefined || typeof precise === 'number') return;
          expect(precise.gt(fast.requested)).toBe(true);
          expect(Math.abs(cap.maxQuantity - precise.toNumber())).toBeLessThanOrEqual(precise.toNumber() * 1e-9);
        });
      }),
      { numRuns: 3_000 },
    );
  });
});
