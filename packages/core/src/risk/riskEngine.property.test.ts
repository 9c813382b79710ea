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

const BTC_USDT = buildSymbolFilters();
const ETH_BTC = buildSymbolFilters({
  symbol: 'ETH/BTC',
  base: 'ETH',
  quote: 'BTC',
  tickSize: '0.00001',
  minPrice: '0.00001',
  stepSize: '0.0001',
  minQty: '0.0001',
  minNotional: '0.0001',
  maxNotional: null,
});
const DOGE_USDT = buildSymbolFilters({
  symbol: 'DOGE/USDT',
  base: 'DOGE',
  quote: 'USDT',
  tickSize: '0.00001',
  minPrice: '0.00001',
  stepSize: '1',
  minQty: '1',
  maxQty: '50000',
  minNotional: '1',
});
const filtersArb: fc.Arbitrary<SymbolFilters> = fc.constantFrom(BTC_USDT, ETH_BTC, DOGE_USDT);

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

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

/**
 * Runs the risk engine on scenario `s`; when it allows the order, checks that the order obeys the
 * symbol filters, fits the free balance, and that a paper broker holding those balances accepts it.
 * Returns the decision.
 */
async function checkScenario(s: Scenario): Promise<'ALLOW' | 'BLOCK'> {
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
  if (decision.decision !== 'ALLOW') return 'BLOCK';
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
  return 'ALLOW';
}

describe('RiskEngine invariants', () => {
  it('every ALLOW obeys the symbol filters, never exceeds free balances, and the paper broker accepts it', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await checkScenario(s);
      }),
      { numRuns: 500 },
    );
  });

  // How many random scenarios are allowed depends on the draw; these fixed ones are allowed for
  // sure, so the checks above are known to run on real orders: each filter set, both sides,
  // market and limit, every way of sizing, near the minimums and far from them.
  const funded = (s: Omit<Scenario, 'quoteValue' | 'baseValue' | 'slippageBps'>): Scenario => ({
    ...s,
    quoteValue: 10_000,
    baseValue: 10_000,
    slippageBps: 10,
  });
  it.each<[string, Scenario]>([
    [
      'a default-size market buy of BTC',
      funded({ filters: BTC_USDT, priceExponent: 4, priceMantissa: 500, side: 'BUY', limitOffsetBps: null, size: {} }),
    ],
    [
      'a limit sell of ETH/BTC by base fraction',
      funded({ filters: ETH_BTC, priceExponent: -2, priceMantissa: 500, side: 'SELL', limitOffsetBps: 50, size: { baseFraction: 0.5 } }),
    ],
    [
      'a market sell of DOGE by base fraction',
      funded({ filters: DOGE_USDT, priceExponent: -1, priceMantissa: 123, side: 'SELL', limitOffsetBps: null, size: { baseFraction: 1 } }),
    ],
    [
      'a limit buy of DOGE by quote amount',
      funded({
        filters: DOGE_USDT,
        priceExponent: -1,
        priceMantissa: 123,
        side: 'BUY',
        limitOffsetBps: -100,
        size: { quoteAmount: 2_000 },
      }),
    ],
    [
      'a market buy of BTC just above the minimum notional',
      funded({ filters: BTC_USDT, priceExponent: 4, priceMantissa: 999, side: 'BUY', limitOffsetBps: null, size: { quoteAmount: 6 } }),
    ],
  ])('allows %s, and it passes every check', async (_name, s) => {
    expect(await checkScenario(s)).toBe('ALLOW');
  });
});
