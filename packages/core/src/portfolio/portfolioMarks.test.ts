import { describe, expect, it } from 'vitest';
import { type PairHoldings, PortfolioMarks } from './portfolioMarks.js';

const holding = (base: number): PairHoldings => ({ baseHeld: () => base, exposureAt: (price) => base * price });

describe('the account marks of several pairs', () => {
  const pairs = new Map([
    ['BTC/USDT', holding(0)],
    ['ETH/USDT', holding(2)],
  ]);

  it('value a pair that has not run yet at its last known price, so the first pair of the first tick sees the whole account', () => {
    const marks = new PortfolioMarks(pairs, () => 5_000, new Map([['ETH/USDT', 2_500]]));
    expect(marks.accountFor('BTC/USDT').equityAt(42_000)).toBe(10_000);
    expect(marks.accountFor('BTC/USDT').otherPairsExposure?.()).toBe(5_000);
  });

  it("take each pair's own price once it runs, and ignore marks of pairs not traded or not positive", () => {
    const marks = new PortfolioMarks(
      pairs,
      () => 5_000,
      new Map([
        ['ETH/USDT', 2_500],
        ['SOL/USDT', 100],
        ['BTC/USDT', 0],
      ]),
    );
    expect(marks.markOf('BTC/USDT')).toBe(0);
    expect(marks.markOf('SOL/USDT')).toBe(0);
    expect(marks.accountFor('ETH/USDT').equityAt(2_000)).toBe(9_000);
    expect(marks.markOf('ETH/USDT')).toBe(2_000);
  });

  it('count what the account holds outside the traded pairs in the equity, with one pair and with several', () => {
    const outside = () => 700;
    const several = new PortfolioMarks(pairs, () => 5_000, new Map([['ETH/USDT', 2_500]]), outside);
    expect(several.equity()).toBe(10_700);
    expect(several.accountFor('BTC/USDT').equityAt(42_000)).toBe(10_700);
    const single = new PortfolioMarks(new Map([['ETH/USDT', holding(2)]]), () => 5_000, new Map(), outside);
    expect(single.accountFor('ETH/USDT').equityAt(2_500)).toBe(10_700);
  });
});
