import { describe, expect, it } from 'vitest';
import { aggregate, median } from './aggregate.js';
import { buyAndHold } from './buyAndHold.js';

const run = (closes: number[]) =>
  buyAndHold(
    closes.map((close, i) => ({ openTime: i, open: close, high: close, low: close, close, volume: 1 })),
    undefined,
    100,
    0,
  );

describe('aggregate', () => {
  it('averages returns, takes the median score, and counts the sets a variant beats its static grid on', () => {
    const up = run([100, 110]); // +10 %, no drawdown: score 1000
    const down = run([100, 80, 90]); // -10 %, 20 % drawdown: score -0.5
    const stats = aggregate([
      { result: up, staticGridScore: 3, beatsStaticGrid: true },
      { result: down, staticGridScore: 1, beatsStaticGrid: false },
      { result: null, staticGridScore: 2, beatsStaticGrid: null },
    ]);
    expect(stats).toMatchObject({ sets: 2, failed: 1, meanReturnPct: 0, meanMaxDrawdownPct: 10, beatsStaticGrid: 1, comparedSets: 2 });
    expect(stats.medianScore).toBeCloseTo((1000 - 0.5) / 2, 10);
    expect(stats.medianStaticGridScore).toBe(2);
  });

  it('has no static-grid figures for a variant that is not compared', () => {
    const stats = aggregate([{ result: run([1, 2]), staticGridScore: null, beatsStaticGrid: null }]);
    expect(stats.medianStaticGridScore).toBeNull();
    expect(stats.beatsStaticGrid).toBeNull();
  });

  it('median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
