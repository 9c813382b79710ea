import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill, OrderIntent } from '../domain/orders.js';
import { dec } from '../money/decimal.js';
import { filterViolations } from '../money/filters.js';
import type { MarketTick } from '../ports/broker.js';
import { PaperBroker } from './paperBroker.js';
import { buildSymbolFilters } from './symbolFilters.fixture.js';

const filters = buildSymbolFilters();

type Action =
  | { kind: 'market'; side: 'BUY' | 'SELL'; steps: number }
  | { kind: 'limit'; side: 'BUY' | 'SELL'; steps: number; offsetBps: number }
  | { kind: 'cancel'; pick: number };

interface Step {
  readonly move: number;
  readonly wick: number;
  readonly volume: number;
  readonly action: Action | null;
}

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('market' as const),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    steps: fc.integer({ min: 20, max: 30_000 }),
  }),
  fc.record({
    kind: fc.constant('limit' as const),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    steps: fc.integer({ min: 20, max: 30_000 }),
    offsetBps: fc.integer({ min: -300, max: 300 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
);

const step: fc.Arbitrary<Step> = fc.record({
  move: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
  wick: fc.double({ min: 0, max: 0.02, noNaN: true }),
  /** BTC traded during the tick (in 0.0001 BTC, not a double: doubles lean to 0 and denormals), up to several times the largest order. */
  volume: fc.integer({ min: 0, max: 20_000 }).map((v) => v / 10_000),
  action: fc.option(action),
});

/**
 * Walks `path` with a broker holding 10,000 USDT and 0.2 BTC, checking after every step that no
 * balance is negative and at the end that every fill is on the filter grid, carries at least its fee,
 * and that the balances are exactly the starting ones plus the fills net of fees. Returns the fills.
 */
async function walk(path: readonly Step[], slippageBps: number, feeTenthBps: number, maxFillSharePct: number): Promise<Fill[]> {
  const feePct = feeTenthBps / 100;
  const broker = PaperBroker.start({ filters, slippageBps, makerFeePct: feePct, takerFeePct: feePct, maxFillSharePct }, '10000', '0.2');
  const fills: Fill[] = [];
  let price = 20_000;
  let n = 0;
  for (const s of path) {
    price = Math.max(1, Math.round(price * (1 + s.move) * 100) / 100);
    const tick: MarketTick = { now: ++n, price, high: price * (1 + s.wick), low: price * (1 - s.wick), volume: s.volume };
    fills.push(...(await broker.sync(tick)).fills);
    const a = s.action;
    if (a?.kind === 'cancel') {
      const open = await broker.openOrders('BTC/USDT');
      const victim = open[a.pick % Math.max(1, open.length)];
      if (victim) await broker.cancel(victim.clientOrderId, n);
    } else if (a) {
      const limit =
        a.kind === 'limit'
          ? dec(price)
              .mul(1 + a.offsetBps / 10_000)
              .toDecimalPlaces(2)
              .toFixed()
          : null;
      const order: OrderIntent = {
        clientOrderId: `o${n}`,
        symbol: 'BTC/USDT',
        side: a.side,
        type: a.kind === 'limit' ? 'LIMIT' : 'MARKET',
        quantity: dec(a.steps).mul(filters.stepSize).toFixed(),
        price: limit,
        cycleId: null,
        reason: 'property',
        tag: null,
      };
      fills.push(...(await broker.submit(order, tick)).fills);
    }
    const b = await broker.balances();
    for (const v of [b.base.free, b.base.locked, b.quote.free, b.quote.locked]) expect(dec(v).isNegative()).toBe(false);
  }

  let base = dec('0.2');
  let quote = dec('10000');
  for (const f of fills) {
    // Notional is checked at submission against the reference price, as Binance does for market orders.
    expect(filterViolations(f.quantity, f.price, filters).filter((v) => v !== 'NOTIONAL_BELOW_MIN')).toEqual([]);
    const received = f.side === 'BUY' ? dec(f.quantity) : dec(f.quoteQuantity);
    expect(dec(f.fee).gte(received.mul(feePct).div(100))).toBe(true);
    expect(f.feeAsset).toBe(f.side === 'BUY' ? 'BTC' : 'USDT');
    if (f.side === 'BUY') {
      base = base.plus(f.quantity).minus(f.fee);
      quote = quote.minus(f.quoteQuantity);
    } else {
      base = base.minus(f.quantity);
      quote = quote.plus(f.quoteQuantity).minus(f.fee);
    }
  }
  const b = await broker.balances();
  expect(dec(b.base.free).plus(b.base.locked).toFixed()).toBe(base.toFixed());
  expect(dec(b.quote.free).plus(b.quote.locked).toFixed()).toBe(quote.toFixed());
  return fills;
}

describe('PaperBroker over random price paths and order sequences', () => {
  it('never lets a balance go negative, fills only on the filter grid, charges every fee and conserves value net of fees', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 100 }),
        async (path, slippageBps, feeTenthBps, maxFillSharePct) => {
          await walk(path, slippageBps, feeTenthBps, maxFillSharePct);
        },
      ),
      { numRuns: 200 },
    );
  });

  // Whether a random path fills anything depends on the draw; this fixed one exercises every kind
  // of fill the property checks (market and limit, both sides, whole and partial), so the checks
  // above are known to run on real fills.
  it('a fixed path through market fills, resting limit fills (some partial), a cancel and a sell-off, under the same checks', async () => {
    const quiet = { move: 0, wick: 0.001, volume: 0 };
    const path: Step[] = [
      { ...quiet, action: { kind: 'market', side: 'BUY', steps: 5_000 } },
      { ...quiet, action: { kind: 'market', side: 'SELL', steps: 2_000 } },
      { ...quiet, action: { kind: 'limit', side: 'BUY', steps: 4_000, offsetBps: -100 } },
      // The price dips through the buy limit on thin volume: a partial fill, then the rest.
      { move: -0.012, wick: 0.002, volume: 0.04, action: null },
      { move: 0, wick: 0.002, volume: 1, action: null },
      { ...quiet, action: { kind: 'limit', side: 'SELL', steps: 3_000, offsetBps: 100 } },
      { move: 0.012, wick: 0.002, volume: 1, action: null },
      { ...quiet, action: { kind: 'limit', side: 'BUY', steps: 1_000, offsetBps: -250 } },
      { ...quiet, action: { kind: 'cancel', pick: 0 } },
      { ...quiet, action: { kind: 'market', side: 'SELL', steps: 20_000 } },
    ];
    const fills = await walk(path, 10, 10, 50);
    const kinds = new Set(fills.map((f) => `${f.liquidity} ${f.side}`));
    expect([...kinds].sort()).toEqual(['maker BUY', 'maker SELL', 'taker BUY', 'taker SELL']);
    const buyLimitFills = fills.filter((f) => f.clientOrderId === 'o3');
    expect(buyLimitFills.length).toBeGreaterThan(1);
    expect(buyLimitFills.reduce((sum, f) => sum.plus(f.quantity), dec(0)).toFixed()).toBe('0.04');
    expect(fills.some((f) => f.clientOrderId === 'o8')).toBe(false);
  });
});
