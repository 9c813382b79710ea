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

const filtersArb: fc.Arbitrary<SymbolFilters> = fc.constantFrom(
  buildSymbolFilters(),
  buildSymbolFilters({
    symbol: 'ETH/BTC',
    base: 'ETH',
    quote: 'BTC',
    tickSize: '0.00001',
    minPrice: '0.00001',
    stepSize: '0.0001',
    minQty: '0.0001',
    minNotional: '0.0001',
    maxNotional: null,
  }),
  buildSymbolFilters({
    symbol: 'DOGE/USDT',
    base: 'DOGE',
    quote: 'USDT',
    tickSize: '0.00001',
    minPrice: '0.00001',
    stepSize: '1',
    minQty: '1',
    maxQty: '50000',
    minNotional: '1',
  }),
);

/** Everything is generated in units of the account's value, so sizes land around the filters' minimums as often as far from them. */
const scenario = fc.record({
  filters: filtersArb,
  priceExponent: fc.integer({ min: -3, max: 5 }),
  priceMantissa: fc.integer({ min: 100, max: 999 }),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  limitOffsetBps: fc.option(fc.integer({ min: -500, max: 500 })),
  size: fc.oneof(
    fc.constant({}),
    fc.integer({ min: 1, max: 5_000 }).map((q) => ({ quoteAmount: q })),
    fc.double({ min: 0, max: 1.2, noNaN: true }).map((f) => ({ baseFraction: f })),
  ),
  quoteValue: fc.integer({ min: 0, max: 20_000 }),
  baseValue: fc.integer({ min: 0, max: 20_000 }),
  slippageBps: fc.integer({ min: 0, max: 100 }),
});

describe('RiskEngine invariants', () => {
  it('every ALLOW obeys the symbol filters, never exceeds free balances, and the paper broker accepts it', async () => {
    let allowed = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { filters } = s;
        const price = Number(dec(s.priceMantissa).mul(dec(10).pow(s.priceExponent - 2)));
        // Quote-denominated values are scaled so that 1 000 "units" is always a tradable amount.
        const unit = Number(filters.minNotional) / 5;
        const freeQuote = dec(s.quoteValue * unit)
          .toDecimalPlaces(8)
          .toFixed();
        const freeBase = dec((s.baseValue * unit) / price)
          .toDecimalPlaces(8)
          .toFixed();
        const equity = s.quoteValue * unit + s.baseValue * unit;
        const signal: TradeSignal = {
          action: s.side,
          reason: 'property',
          inputs: {},
          ...(s.limitOffsetBps !== null ? { limitPrice: price * (1 + s.limitOffsetBps / 10_000) } : {}),
          ...('quoteAmount' in s.size ? { quoteAmount: s.size.quoteAmount * unit } : {}),
          ...('baseFraction' in s.size ? { baseQuantity: s.size.baseFraction * Number(freeBase) } : {}),
        };
        const limits = buildRiskLimits({ slippageBps: s.slippageBps, maxOrderNotional: 0, maxPositionPct: 100 });
        const input = buildRiskInput({
          filters,
          price,
          signal,
          freeQuote,
          freeBase,
          equity,
          peakEquity: equity,
          dayStartEquity: equity,
          positionQuantity: freeBase,
        });
        const decision = new RiskEngine(limits).evaluate(input);
        if (decision.decision !== 'ALLOW') return;
        allowed++;
        expect(filterViolations(decision.quantity, decision.price, filters)).toEqual([]);
        if (decision.side === 'SELL') expect(dec(decision.quantity).lte(freeBase)).toBe(true);
        else expect(dec(decision.quantity).mul(decision.price).lte(freeQuote)).toBe(true);

        const broker = PaperBroker.start(
          { filters, slippageBps: s.slippageBps, makerFeePct: 0.1, takerFeePct: 0.1, maxFillSharePct: 10 },
          freeQuote,
          freeBase,
        );
        const intent = {
          clientOrderId: 'p1',
          symbol: filters.symbol,
          side: decision.side,
          type: decision.type,
          quantity: decision.quantity,
          price: decision.type === 'LIMIT' ? decision.price : null,
          cycleId: null,
          reason: 'property',
          tag: null,
        };
        const { orders } = await broker.submit(intent, { now: 1, price, high: price, low: price, volume: 0 });
        expect(orders[0]?.status).not.toBe('REJECTED');
      }),
      { numRuns: 500 },
    );
    // Guards against a generator that only ever produces blocks, which would make the property vacuous.
    expect(allowed).toBeGreaterThan(150);
  });
});
