import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFill } from '../../portfolio/fill.fixture.js';
import { BTC_FILTERS, buildContext } from '../testing/contextBuilder.js';
import {
  applyTrendFill,
  emptyTrendInventory,
  HYSTERESIS_SHARES,
  TREND_TAG,
  type TrendInventory,
  trendOrder,
  trendTargetShares,
} from './trendInventory.js';

const target = (regime: number, currentShares = 0) => trendTargetShares({ regime, trendLevels: 3, trendThreshold: 0.4, currentShares });

describe('trend inventory target', () => {
  it('holds nothing up to the threshold and trend_levels shares at a full-strength trend', () => {
    expect(target(-0.9)).toBe(0);
    expect(target(0)).toBe(0);
    expect(target(0.4)).toBe(0);
    expect(target(0.75)).toBe(2); // 3 × 0.35 / 0.6 = 1.75 → 2
    expect(target(0.999)).toBe(3);
  });

  it('moves only when the wanted level is at least HYSTERESIS_SHARES away, so a wobbling regime does not trade', () => {
    // wanted = 3 × (r − 0.4)/0.6: 1.4 at r = 0.68, 1.6 at r = 0.72.
    expect(target(0.68, 1)).toBe(1);
    expect(target(0.72, 1)).toBe(1);
    expect(target(0.72, 2)).toBe(2);
    expect(target(0.4 + (0.6 * (1 + HYSTERESIS_SHARES)) / 3, 1)).toBe(2);
  });

  it('is a whole number within [0, trend_levels] and never falls as the regime rises from the same holding (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        (a, b, trendLevels, trendThreshold, current) => {
          const held = Math.min(current, trendLevels);
          const at = (regime: number) => trendTargetShares({ regime, trendLevels, trendThreshold, currentShares: held });
          for (const t of [at(a), at(b)]) {
            expect(Number.isInteger(t)).toBe(true);
            expect(t).toBeGreaterThanOrEqual(0);
            expect(t).toBeLessThanOrEqual(trendLevels);
          }
          expect(at(Math.max(a, b))).toBeGreaterThanOrEqual(at(Math.min(a, b)));
        },
      ),
    );
  });
});

describe('trend inventory orders', () => {
  const context = (price: number, base = 0, quote = 10_000) =>
    buildContext({}, '1h', { price, baseBalance: base, quoteBalance: quote, position: { quantity: base, avgEntryPrice: 0 } });
  const inventory = (quantity: number, shares: number): TrendInventory => ({ quantity, shares, pendingShares: null });

  it('buys the missing whole shares at today’s price, tagged as trend inventory', () => {
    const order = trendOrder({ context: context(50_000), inventory: inventory(0, 0), targetShares: 2, quotePerShare: 500, regime: 0.8 });
    expect(order).toMatchObject({ action: 'BUY', reason: 'trend_inventory_buy', tag: TREND_TAG, baseQuantity: 0.02 });
  });

  it('sells the matching part of what it bought when the target falls, whatever the price did since', () => {
    const held = inventory(0.03, 3);
    for (const price of [20_000, 50_000, 90_000]) {
      expect(
        trendOrder({ context: context(price, 0.05), inventory: held, targetShares: 2, quotePerShare: 500, regime: 0.6 }),
      ).toMatchObject({
        action: 'SELL',
        reason: 'trend_inventory_sell',
        baseQuantity: 0.01,
      });
    }
    expect(trendOrder({ context: context(50_000, 0.05), inventory: held, targetShares: 0, quotePerShare: 500, regime: 0 })).toMatchObject({
      action: 'SELL',
      baseQuantity: 0.03,
    });
  });

  it('never sells more base than is free, nor buys with more quote than is free', () => {
    expect(
      trendOrder({ context: context(50_000, 0.012), inventory: inventory(0.03, 3), targetShares: 0, quotePerShare: 500, regime: 0 }),
    ).toMatchObject({
      action: 'SELL',
      baseQuantity: 0.012,
    });
    expect(
      trendOrder({ context: context(50_000, 0, 600), inventory: inventory(0, 0), targetShares: 3, quotePerShare: 500, regime: 1 }),
    ).toMatchObject({
      action: 'BUY',
      baseQuantity: 0.012,
    });
  });

  it('does nothing at its target, and calls a remainder under the minimums dust', () => {
    expect(
      trendOrder({ context: context(50_000, 0.03), inventory: inventory(0.03, 3), targetShares: 3, quotePerShare: 500, regime: 1 }),
    ).toBeNull();
    // 0.00005 BTC at 50,000 is 2.5 USDT, under BTC/USDT's 5 USDT minimum.
    expect(
      trendOrder({ context: context(50_000, 0.00005), inventory: inventory(0.00005, 0), targetShares: 0, quotePerShare: 500, regime: 0 }),
    ).toBe('dust');
    expect(
      trendOrder({ context: context(50_000, 0, 3), inventory: inventory(0, 0), targetShares: 1, quotePerShare: 500, regime: 1 }),
    ).toBeNull();
  });

  it('books a fill: a buy adds what was received net of a fee paid in base, a sell removes what was sold', () => {
    const inv = emptyTrendInventory();
    inv.pendingShares = 2;
    applyTrendFill(inv, buildFill({ side: 'BUY', quantity: '0.02', fee: '0.00002', feeAsset: 'BTC' }), 'BTC');
    expect(inv).toEqual({ quantity: 0.01998, shares: 2, pendingShares: null });
    inv.pendingShares = 0;
    applyTrendFill(inv, buildFill({ side: 'SELL', quantity: '0.01998', fee: '0.9', feeAsset: 'USDT' }), 'BTC');
    expect(inv).toEqual({ quantity: 0, shares: 0, pendingShares: null });
  });

  it('sizes orders on the symbol’s step (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 100_000, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (price, shares, targetShares) => {
          const held = (shares * 500) / price;
          const order = trendOrder({
            context: context(price, held),
            inventory: inventory(held, shares),
            targetShares,
            quotePerShare: 500,
            regime: 0.9,
          });
          if (order === null || order === 'dust') return;
          const steps = order.baseQuantity! / Number(BTC_FILTERS.stepSize);
          expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-6);
          expect(order.action).toBe(targetShares > shares ? 'BUY' : 'SELL');
        },
      ),
    );
  });
});
