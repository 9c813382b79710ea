import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterViolations } from '../../money/filters.js';
import { BTC_FILTERS } from '../testing/contextBuilder.js';
import { buildLayout } from './gridLayout.js';
import { gridCapitalProblems, levelQuantity, quotePerLevel } from './gridSizing.js';

describe('grid sizing', () => {
  it('splits capital evenly over both sides', () => {
    expect(quotePerLevel(1200, 3)).toBe(200);
  });

  it('reports each level that capital cannot fund at min notional, and how much capital would do', () => {
    const layout = buildLayout({
      centre: 50_000,
      buyStep: 0.01,
      sellStep: 0.01,
      levelsPerSide: 5,
      mode: 'geometric',
      filters: BTC_FILTERS,
    });
    const problems = gridCapitalProblems(layout, 40, 5, BTC_FILTERS);
    expect(problems).toHaveLength(11);
    expect(problems[0]).toMatch(
      /^grid capital 40 USDT gives 4 USDT per level, but level L-5 at [\d.]+ needs at least 5\.\d+ USDT .*raise capital to/,
    );
    expect(gridCapitalProblems(layout, 1000, 5, BTC_FILTERS)).toEqual([]);
  });

  it('gives every level of a grid that passes preflight a quantity on the step and above min notional (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.double({ min: 10, max: 100_000, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom('0.00001', '0.001', '0.1', '1'),
        fc.constantFrom('5', '10'),
        (centre, capital, levels, stepSize, minNotional) => {
          const filters = { ...BTC_FILTERS, stepSize, minQty: stepSize, minNotional };
          const layout = buildLayout({ centre, buyStep: 0.01, sellStep: 0.01, levelsPerSide: levels, mode: 'geometric', filters });
          const problems = gridCapitalProblems(layout, capital, levels, filters);
          const quantities = layout.levels.map((l) => [levelQuantity(quotePerLevel(capital, levels), l.price, filters), l.price] as const);
          const failing = quantities.filter(([q, p]) => filterViolations(String(q), String(p), filters).length > 0);
          expect(problems.length).toBe(failing.length);
        },
      ),
    );
  });
});
