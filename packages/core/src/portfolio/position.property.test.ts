import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill, Position } from '../domain/orders.js';
import { type Dec, dec } from '../money/decimal.js';
import { buildFill } from './fill.fixture.js';
import { applyFill } from './position.js';

/**
 * Random BTC/USDT fills as Binance reports them: quantities on a 0.00001 step, prices on a 0.01
 * tick, quote quantity = price × quantity, and a fee in base, in quote, in BNB or none.
 */
const fillArb: fc.Arbitrary<Fill> = fc
  .record({
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    steps: fc.integer({ min: 1, max: 200_000 }),
    cents: fc.integer({ min: 1_000_000, max: 10_000_000 }),
    feeAsset: fc.constantFrom('BTC', 'USDT', 'BNB', 'none'),
  })
  .map(({ side, steps, cents, feeAsset }) => {
    const quantity = dec(steps).div(100_000);
    const price = dec(cents).div(100);
    const quoteQuantity = quantity.mul(price);
    // 0.1%, as Binance charges by default (in BNB: an arbitrary amount, since it has no price here).
    const fee = feeAsset === 'BTC' ? quantity.div(1000) : feeAsset === 'USDT' ? quoteQuantity.div(1000) : dec('0.0001');
    return buildFill({
      side,
      quantity: quantity.toFixed(),
      price: price.toFixed(),
      quoteQuantity: quoteQuantity.toFixed(),
      fee: feeAsset === 'none' ? '0' : fee.toFixed(),
      feeAsset: feeAsset === 'none' ? 'USDT' : feeAsset,
    });
  });

/** Fills and an order to record them in: the order is a permutation, drawn as sort keys. */
const fillsInTwoOrders = fc
  .array(fillArb, { minLength: 1, maxLength: 30 })
  .chain((fills) =>
    fc.tuple(fc.constant(fills), fc.array(fc.double({ noNaN: true }), { minLength: fills.length, maxLength: fills.length })),
  );

function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}

function replay(fills: readonly Fill[]): Position | null {
  let position: Position | null = null;
  for (const fill of fills) position = applyFill(position, fill).position;
  return position;
}

const feeIn = (f: Fill, asset: string) => (f.feeAsset === asset ? dec(f.fee) : dec(0));

/** What the fills add up to, computed independently: base received minus base given up. */
function sumOfFills(fills: readonly Fill[]): Dec {
  return fills.reduce(
    (q, f) => (f.side === 'BUY' ? q.plus(f.quantity).minus(feeIn(f, 'BTC')) : q.minus(f.quantity).minus(feeIn(f, 'BTC'))),
    dec(0),
  );
}

/** Net quote of all fills (proceeds − costs, quote fees included): realized + unrealized must equal it plus the position at `price`. */
function netQuote(fills: readonly Fill[]): Dec {
  return fills.reduce(
    (c, f) => (f.side === 'BUY' ? c.minus(f.quoteQuantity).minus(feeIn(f, 'USDT')) : c.plus(f.quoteQuantity).minus(feeIn(f, 'USDT'))),
    dec(0),
  );
}

function totalPnl(position: Position | null, price: Dec): Dec {
  if (!position) return dec(0);
  return dec(position.realizedPnl).plus(dec(position.quantity).mul(price.minus(position.avgEntryPrice)));
}

describe('position from out-of-order fills (property)', () => {
  it('every order of the same fills gives the same position quantity: exactly what the fills add up to', () => {
    fc.assert(
      fc.property(fillsInTwoOrders, ([fills, keys]) => {
        const expected = sumOfFills(fills).toFixed();
        expect(dec(replay(fills)?.quantity ?? '0').toFixed()).toBe(expected);
        expect(dec(replay(permute(fills, keys))?.quantity ?? '0').toFixed()).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('realized + unrealized PnL at any price is the same in every order (only its split may differ)', () => {
    fc.assert(
      fc.property(fillsInTwoOrders, fc.integer({ min: 1_000_000, max: 10_000_000 }), ([fills, keys], cents) => {
        const price = dec(cents).div(100);
        const expected = netQuote(fills).plus(sumOfFills(fills).mul(price));
        // The average entry is kept to 12 decimals: each fill may move the total by quantity × 1e-12.
        const tolerance = dec('1e-8');
        for (const order of [fills, permute(fills, keys)])
          expect(totalPnl(replay(order), price).minus(expected).abs().lte(tolerance)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
