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

const step = fc.record({
  move: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
  wick: fc.double({ min: 0, max: 0.02, noNaN: true }),
  /** BTC traded during the tick (in 0.0001 BTC, not a double: doubles lean to 0 and denormals), up to several times the largest order. */
  volume: fc.integer({ min: 0, max: 20_000 }).map((v) => v / 10_000),
  action: fc.option(action),
});

describe('PaperBroker over random price paths and order sequences', () => {
  it('never lets a balance go negative, fills only on the filter grid, charges every fee and conserves value net of fees', async () => {
    let totalFills = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 100 }),
        async (path, slippageBps, feeTenthBps, maxFillSharePct) => {
          const feePct = feeTenthBps / 100;
          const broker = PaperBroker.start(
            { filters, slippageBps, makerFeePct: feePct, takerFeePct: feePct, maxFillSharePct },
            '10000',
            '0.2',
          );
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

          totalFills += fills.length;
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
        },
      ),
      { numRuns: 200 },
    );
    // Guards against generators whose orders are all rejected, which would make the property vacuous.
    expect(totalFills).toBeGreaterThan(200);
  });
});
