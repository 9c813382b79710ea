import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill, Order, OrderIntent } from '../domain/orders.js';
import { type Dec, dec } from '../money/decimal.js';
import { meetsMinimums } from '../money/filters.js';
import type { MarketTick } from '../ports/broker.js';
import { PaperBroker, type PaperBrokerOptions } from './paperBroker.js';
import { buildSymbolFilters } from './symbolFilters.fixture.js';

const filters = buildSymbolFilters();
const STEP = dec(filters.stepSize);

type Action =
  | { kind: 'limit'; side: 'BUY' | 'SELL'; steps: number; offsetBps: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'cancelAll' }
  | { kind: 'restart' };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('limit' as const),
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      steps: fc.integer({ min: 30, max: 40_000 }),
      // Mostly resting (away from the price), some marketable on arrival.
      offsetBps: fc.integer({ min: -400, max: 400 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelAll' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
);

// Integers scaled down, not fc.double: doubles lean to edge values (0, denormals, the bounds), and
// a walk of them barely moves or trades.
const candle = fc.record({
  moveBps: fc.integer({ min: -300, max: 300 }),
  wickBps: fc.integer({ min: 0, max: 300 }),
  // BTC traded, in 0.0001 BTC: none, thin (up to 0.05) or deep (up to 5, ten times the largest order).
  volume: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 50_000 })).map((v) => v / 10_000),
  action: fc.option(action, { nil: undefined }),
});

/** The candle's tick after `price`: its close, range and volume. */
function tickOf(c: { moveBps: number; wickBps: number; volume: number }, price: number, now: number): MarketTick {
  const close = Math.max(100, Math.round(price * (1 + c.moveBps / 10_000) * 100) / 100);
  return { now, price: close, high: close * (1 + c.wickBps / 10_000), low: close * (1 - c.wickBps / 10_000), volume: c.volume };
}

const run = fc.record({
  candles: fc.array(candle, { minLength: 1, maxLength: 50 }),
  maxFillSharePct: fc.oneof(fc.constant(0), fc.constant(100), fc.integer({ min: 1, max: 100 })),
  feeTenthBps: fc.integer({ min: 0, max: 20 }),
});

/** Everything the broker must hold true of its own account at any moment. */
function expectAccountConsistent(broker: PaperBroker, fillsOf: ReadonlyMap<string, Dec>): void {
  const b = broker.balances();
  for (const v of [b.base.free, b.base.locked, b.quote.free, b.quote.locked]) expect(dec(v).isNegative(), v).toBe(false);
  let quoteNeeded = dec(0);
  let baseNeeded = dec(0);
  for (const o of broker.openOrders('BTC/USDT')) {
    const filled = fillsOf.get(o.clientOrderId) ?? dec(0);
    // The order's own count agrees with its fills, and it rests only while something is left.
    expect(dec(o.filledQuantity).eq(filled)).toBe(true);
    expect(filled.lt(o.quantity)).toBe(true);
    expect(o.status).toBe(filled.gt(0) ? 'PARTIALLY_FILLED' : 'NEW');
    const remaining = dec(o.quantity).minus(filled);
    if (o.side === 'BUY') quoteNeeded = quoteNeeded.plus(remaining.mul(o.price as string));
    else baseNeeded = baseNeeded.plus(remaining);
  }
  // Locked funds are exactly what the open remainders need: no more, no less.
  expect(dec(b.quote.locked).eq(quoteNeeded), `quote locked ${b.quote.locked} vs ${quoteNeeded}`).toBe(true);
  expect(dec(b.base.locked).eq(baseNeeded), `base locked ${b.base.locked} vs ${baseNeeded}`).toBe(true);
}

/** After a cancel: free gained and locked lost exactly the order's remainder (× its limit for a buy); nothing else moved. */
function expectReleased(
  before: ReturnType<PaperBroker['balances']>,
  after: ReturnType<PaperBroker['balances']>,
  orders: readonly Order[],
): void {
  let quote = dec(0);
  let base = dec(0);
  for (const o of orders) {
    const remaining = dec(o.quantity).minus(o.filledQuantity);
    if (o.side === 'BUY') quote = quote.plus(remaining.mul(o.price as string));
    else base = base.plus(remaining);
  }
  expect(dec(after.quote.free).minus(before.quote.free).eq(quote)).toBe(true);
  expect(dec(before.quote.locked).minus(after.quote.locked).eq(quote)).toBe(true);
  expect(dec(after.base.free).minus(before.base.free).eq(base)).toBe(true);
  expect(dec(before.base.locked).minus(after.base.locked).eq(base)).toBe(true);
}

describe('PaperBroker partial fills over random orders, candles, cancels and restarts', () => {
  it('never overdraws, never overfills, locks exactly the open remainders and releases exactly them on cancel', () => {
    fc.assert(
      fc.property(run, ({ candles, maxFillSharePct, feeTenthBps }) => {
        const feePct = feeTenthBps / 100;
        const options: PaperBrokerOptions = { filters, slippageBps: 0, makerFeePct: feePct, takerFeePct: feePct, maxFillSharePct };
        let broker = PaperBroker.start(options, '10000', '0.5');
        const filledOf = new Map<string, Dec>();
        const quantityOf = new Map<string, Dec>();
        const tradeIds = new Set<string>();
        const take = (fills: readonly Fill[]) => {
          for (const f of fills) {
            expect(tradeIds.has(f.tradeId), `duplicate trade id ${f.tradeId}`).toBe(false);
            tradeIds.add(f.tradeId);
            expect(dec(f.quantity).mod(STEP).isZero(), `${f.quantity} off the step`).toBe(true);
            expect(
              dec(f.fee).gte(
                dec(f.side === 'BUY' ? f.quantity : f.quoteQuantity)
                  .mul(feePct)
                  .div(100),
              ),
            ).toBe(true);
            const total = (filledOf.get(f.clientOrderId) ?? dec(0)).plus(f.quantity);
            filledOf.set(f.clientOrderId, total);
            // Σ filled ≤ the order's quantity.
            expect(total.lte(quantityOf.get(f.clientOrderId) as Dec)).toBe(true);
          }
        };
        let price = 20_000;
        let n = 0;
        for (const c of candles) {
          const tick = tickOf(c, price, ++n * 60_000);
          price = tick.price;
          const restingBefore = new Map(broker.openOrders('BTC/USDT').map((o) => [o.clientOrderId, o]));
          const synced = broker.sync(tick);
          take(synced.fills);

          // One candle's resting fills together take at most the share of its volume (floored to the step).
          if (maxFillSharePct > 0) {
            const taken = synced.fills.reduce((sum, f) => sum.plus(f.quantity), dec(0));
            const cap = c.volume > 0 ? dec(c.volume).mul(maxFillSharePct).div(100) : dec(0);
            expect(taken.lte(cap), `took ${taken} of a ${cap} cap`).toBe(true);
          }
          // A piece that leaves a remainder meets the minimums; only a whole remainder may be smaller.
          for (const f of synced.fills) {
            const order = synced.orders.find((o) => o.clientOrderId === f.clientOrderId) as Order;
            expect(f.liquidity).toBe('maker');
            expect(f.price).toBe(restingBefore.get(f.clientOrderId)?.price);
            if (order.status === 'PARTIALLY_FILLED') expect(meetsMinimums(dec(f.quantity), dec(f.price), filters)).toBe(true);
          }

          const a = c.action;
          if (a?.kind === 'limit') {
            const id = `o${n}`;
            const quantity = dec(a.steps).mul(STEP);
            quantityOf.set(id, quantity);
            const intent: OrderIntent = {
              clientOrderId: id,
              symbol: 'BTC/USDT',
              side: a.side,
              type: 'LIMIT',
              quantity: quantity.toFixed(),
              price: dec(price)
                .mul(1 + a.offsetBps / 10_000)
                .toDecimalPlaces(2)
                .toFixed(),
              cycleId: null,
              reason: 'property',
              tag: null,
            };
            take(broker.submit(intent, tick).fills);
          } else if (a?.kind === 'cancel' || a?.kind === 'cancelAll') {
            const open = broker.openOrders('BTC/USDT');
            const before = broker.balances();
            let canceled: readonly Order[] = [];
            if (a.kind === 'cancelAll') canceled = broker.cancelAll('BTC/USDT', tick.now).canceled;
            else {
              const victim = open[a.pick % Math.max(1, open.length)];
              if (victim) canceled = broker.cancel(victim.clientOrderId, tick.now).orders;
            }
            for (const o of canceled) {
              expect(o.status).toBe('CANCELED');
              expect(dec(o.filledQuantity).eq(filledOf.get(o.clientOrderId) ?? dec(0))).toBe(true);
            }
            expectReleased(before, broker.balances(), canceled);
          } else if (a?.kind === 'restart') {
            // A checkpoint and a restart in the middle of partial fills changes nothing.
            const saved = JSON.parse(JSON.stringify(broker.state()));
            broker = PaperBroker.restore(saved, options);
            expect(broker.state()).toEqual(saved);
          }
          expectAccountConsistent(broker, filledOf);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a restored broker fills exactly as the one that never stopped', () => {
    fc.assert(
      fc.property(run, fc.nat(), ({ candles, maxFillSharePct }, cut) => {
        const options: PaperBrokerOptions = { filters, slippageBps: 0, makerFeePct: 0.1, takerFeePct: 0.1, maxFillSharePct };
        const kept = PaperBroker.start(options, '10000', '0.5');
        let restarted: PaperBroker | null = null;
        const at = cut % candles.length;
        let price = 20_000;
        candles.forEach((c, i) => {
          if (i === at) restarted = PaperBroker.restore(JSON.parse(JSON.stringify(kept.state())), options);
          const tick = tickOf(c, price, (i + 1) * 60_000);
          price = tick.price;
          const brokers = restarted ? [kept, restarted as PaperBroker] : [kept];
          const answers = brokers.map((b) => {
            const synced = b.sync(tick);
            const a = c.action;
            if (a?.kind !== 'limit') return synced;
            const intent: OrderIntent = {
              clientOrderId: `o${i}`,
              symbol: 'BTC/USDT',
              side: a.side,
              type: 'LIMIT',
              quantity: dec(a.steps).mul(STEP).toFixed(),
              price: dec(price)
                .mul(1 + a.offsetBps / 10_000)
                .toDecimalPlaces(2)
                .toFixed(),
              cycleId: null,
              reason: 'property',
              tag: null,
            };
            return { synced, submitted: b.submit(intent, tick) };
          });
          if (answers.length === 2) expect(answers[1]).toEqual(answers[0]);
        });
        if (restarted) expect((restarted as PaperBroker).state()).toEqual(kept.state());
      }),
      { numRuns: 200 },
    );
  });
});
