import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SymbolFilters } from '../../domain/market.js';
import { dec } from '../../money/decimal.js';
import { BTC_FILTERS } from '../testing/contextBuilder.js';
import { buildLayout, levelDistance, levelPrice } from './gridLayout.js';

const noTick: SymbolFilters = { ...BTC_FILTERS, tickSize: '0', minPrice: '0' };

describe('grid levels', () => {
  it('geometric levels keep an equal ratio between neighbours: c·(1+s)^k above, c/(1+b)^k below', () => {
    const layout = buildLayout({ centre: 50_000, buyStep: 0.02, sellStep: 0.01, levelsPerSide: 4, mode: 'geometric', filters: noTick });
    const prices = layout.levels.map((l) => l.price);
    expect(prices).toHaveLength(9);
    for (let k = 1; k <= 4; k++) {
      expect(prices[4 + k]! / prices[3 + k]!).toBeCloseTo(1.01, 12);
      expect(prices[4 - k + 1]! / prices[4 - k]!).toBeCloseTo(1.02, 12);
    }
    expect(prices[8]).toBeCloseTo(50_000 * 1.01 ** 4, 6);
    expect(prices[0]).toBeCloseTo(50_000 / 1.02 ** 4, 6);
  });

  it('arithmetic levels keep an equal price step: c·(1 ± k·s)', () => {
    const layout = buildLayout({ centre: 50_000, buyStep: 0.02, sellStep: 0.01, levelsPerSide: 4, mode: 'arithmetic', filters: noTick });
    const prices = layout.levels.map((l) => l.price);
    for (let k = 1; k <= 4; k++) {
      expect(prices[4 + k]! - prices[3 + k]!).toBeCloseTo(500, 6);
      expect(prices[4 - k + 1]! - prices[4 - k]!).toBeCloseTo(1000, 6);
    }
  });

  it('geometric and arithmetic agree one level out and part further away', () => {
    const args = { centre: 100, buyStep: 0.05, sellStep: 0.05, levelsPerSide: 3, filters: noTick } as const;
    const g = buildLayout({ ...args, mode: 'geometric' }).levels.map((l) => l.price);
    const a = buildLayout({ ...args, mode: 'arithmetic' }).levels.map((l) => l.price);
    expect(g[4]).toBeCloseTo(a[4]!, 9);
    expect(g[6]).toBeGreaterThan(a[6]!); // compounding above
  });

  it('with level growth g each step is (1+g) times the one inside it; with g = 0 the static grid is unchanged', () => {
    expect([1, 2, 3, 4, 5].map((k) => levelDistance(k, 0.25))).toEqual([1, 2.25, 3.8125, 5.765625, 8.20703125]);
    expect([1, 2, 3].map((k) => levelDistance(k, 0))).toEqual([1, 2, 3]);
    for (const mode of ['geometric', 'arithmetic'] as const) {
      const args = { centre: 50_000, buyStep: 0.01, sellStep: 0.02, levelsPerSide: 4, mode, filters: noTick };
      expect(buildLayout({ ...args, levelGrowth: 0 })).toEqual(buildLayout(args));
      const grown = buildLayout({ ...args, levelGrowth: 0.5 }).levels.map((l) => l.price);
      const plain = buildLayout(args).levels.map((l) => l.price);
      expect(grown[4]).toBe(plain[4]);
      expect(grown[5]).toBeCloseTo(plain[5]!, 6); // the first step is the plain step
      expect(grown[8]).toBeGreaterThan(plain[8]!);
      expect(grown[0]).toBeLessThan(plain[0]!);
    }
  });

  it('steps widen monotonically going out from the centre when growth is positive (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.double({ min: 0.002, max: 0.05, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 2, max: 10 }),
        (centre, step, growth, n) => {
          const prices = Array.from({ length: n + 1 }, (_, k) => levelPrice(centre, k, step, step, 'geometric', growth));
          const below = Array.from({ length: n + 1 }, (_, k) => levelPrice(centre, -k, step, step, 'geometric', growth));
          for (let k = 2; k <= n; k++) {
            expect(prices[k]! / prices[k - 1]!).toBeGreaterThan(prices[k - 1]! / prices[k - 2]!);
            expect(below[k - 1]! / below[k]!).toBeGreaterThan(below[k - 2]! / below[k - 1]!);
          }
        },
      ),
    );
  });

  it('leaves out arithmetic buy levels that would reach zero', () => {
    const layout = buildLayout({ centre: 100, buyStep: 0.3, sellStep: 0.3, levelsPerSide: 5, mode: 'arithmetic', filters: BTC_FILTERS });
    expect(layout.levels.map((l) => l.index)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4, 5]);
  });

  it('puts every level on the tick, buy levels rounded down and sell levels up (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 100_000, noNaN: true }),
        fc.double({ min: 0.002, max: 0.1, noNaN: true }),
        fc.double({ min: 0.002, max: 0.1, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom('geometric' as const, 'arithmetic' as const),
        fc.constantFrom('0.01', '0.1', '0.0001', '1'),
        (centre, buyStep, sellStep, levelsPerSide, mode, tickSize) => {
          const filters = { ...BTC_FILTERS, tickSize, minPrice: tickSize };
          const layout = buildLayout({ centre, buyStep, sellStep, levelsPerSide, mode, filters });
          for (const level of layout.levels) {
            expect(dec(String(level.price)).mod(tickSize).isZero()).toBe(true);
            const raw = levelPrice(centre, level.index, buyStep, sellStep, mode);
            // Float noise in the unrounded price does not move a level: a billionth of a tick, or a
            // few units in the last place of the price itself, whichever is larger.
            const noise = Math.max(1e-9 * Number(tickSize), 4 * Number.EPSILON * raw);
            if (level.index < 0) expect(level.price).toBeLessThanOrEqual(raw + noise);
            if (level.index > 0) expect(level.price).toBeGreaterThanOrEqual(raw - noise);
          }
          const prices = layout.levels.map((l) => l.price);
          expect([...prices].sort((x, y) => x - y)).toEqual(prices);
        },
      ),
    );
  });
});
