import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SymbolFilters } from '../domain/market.js';
import type { TradeSignal } from '../domain/signal.js';
import { PaperBroker } from '../execution/paperBroker.js';
import { buildSymbolFilters } from '../execution/symbolFilters.fixture.js';
import { dec } from '../money/decimal.js';
import { filterViolations } from '../money/filters.js';
import { RiskEngine } from './riskEngine.js';
import { buildRiskInput, buildRiskLimits } from './riskInput.fixture.js';

const filtersArb: fc.Arbitrary<SymbolFilters> = fc
  .constantFrom(
    buildSymbolFilters(),
    buildSymbolFilters({ symbol: 'ETH/BTC', base: 'ETH', quote: 'BTC', tickSize: '0.00001', minPrice: '0.00001', stepSize: '0.0001', minQty: '0.0001', minNotional: '0.0001', maxNotional: null }),
    buildSymbolFilters({ symbol: 'DOGE/USDT', base: 'DOGE', quote: 'USDT', tickSize: '0.00001', minPrice: '0.00001', stepSize: '1', minQty: '1', maxQty: '50000', minNotional: '1' }),
  );

const signalArb: fc.Arbitrary<TradeSignal> = fc.record(
  {
    action: fc.constantFrom('BUY' as const, 'SELL' as const),
    reason: fc.constant('property'),
    inputs: fc.constant({}),
    limitOffset: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
    quoteAmount: fc.double({ min: 0, max: 50_000, noNaN: true }),
    baseQuantity: fc.double({ min: 0, max: 5, noNaN: true }),
  },
  { requiredKeys: ['action', 'reason', 'inputs'] },
).map(({ limitOffset, ...s }) => ({ ...s, ...(limitOffset !== undefined ? { limitPrice: 1 + limitOffset } : {}) }) as TradeSignal);

const amount = (max: number) => fc.double({ min: 0, max, noNaN: true }).map((v) => dec(v).toDecimalPlaces(8).toFixed());

describe('RiskEngine invariants', () => {
  it('every ALLOW obeys the symbol filters, never exceeds free balances, and the paper broker accepts it', async () => {
    let allowed = 0;
    await fc.assert(
      fc.asyncProperty(
        filtersArb,
        fc.double({ min: 0.0001, max: 100_000, noNaN: true }),
        signalArb,
        amount(20_000),
        amount(3),
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        async (filters, rawPrice, rawSignal, freeQuote, freeBase, equity, slippageBps) => {
          const price = Number(dec(rawPrice).toSignificantDigits(6));
          // Limit prices are generated relative to the market price.
          const signal = rawSignal.limitPrice === undefined ? rawSignal : { ...rawSignal, limitPrice: rawSignal.limitPrice * price };
          const limits = buildRiskLimits({ slippageBps, maxOrderNotional: 0 });
          const decision = new RiskEngine(limits).evaluate(buildRiskInput({ filters, price, signal, freeQuote, freeBase, equity, peakEquity: equity, dayStartEquity: equity, positionQuantity: freeBase }));
          if (decision.decision !== 'ALLOW') return;
          allowed++;
          expect(filterViolations(decision.quantity, decision.price, filters)).toEqual([]);
          if (decision.side === 'SELL') expect(dec(decision.quantity).lte(freeBase)).toBe(true);
          else expect(dec(decision.quantity).mul(decision.price).lte(freeQuote)).toBe(true);

          const broker = PaperBroker.start({ filters, slippageBps, makerFeePct: 0.1, takerFeePct: 0.1 }, freeQuote, freeBase);
          const intent = { clientOrderId: 'p1', symbol: filters.symbol, side: decision.side, type: decision.type, quantity: decision.quantity, price: decision.type === 'LIMIT' ? decision.price : null, cycleId: null, reason: 'property', tag: null };
          const { orders } = await broker.submit(intent, { now: 1, price, high: price, low: price });
          expect(orders[0]?.status).not.toBe('REJECTED');
        },
      ),
      { numRuns: 500 },
    );
    // Guards against a generator that only ever produces blocks, which would make the property vacuous.
    expect(allowed).toBeGreaterThan(100);
  });
});
