import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingRuns } from './missingRuns.js';

const MIN = 60_000;

describe('missingRuns', () => {
  it('groups uncached bars into consecutive runs and skips known exchange gaps', () => {
    const cached = [0, 1, 4, 8].map((i) => i * MIN);
    const gaps = [{ symbol: 'BTC/USDT', timeframe: '1m' as const, from: 6 * MIN, to: 6 * MIN }];
    expect(missingRuns(0, 9 * MIN, '1m', cached, gaps)).toEqual([
      { from: 2 * MIN, to: 3 * MIN, bars: 2 },
      { from: 5 * MIN, to: 5 * MIN, bars: 1 },
      { from: 7 * MIN, to: 7 * MIN, bars: 1 },
      { from: 9 * MIN, to: 9 * MIN, bars: 1 },
    ]);
  });

  it('runs cover exactly the bars that are neither cached nor known gaps', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }), (present) => {
        const cached = present.flatMap((p, i) => (p ? [i * MIN] : []));
        const runs = missingRuns(0, (present.length - 1) * MIN, '1m', cached, []);
        const covered = runs.flatMap((r) => Array.from({ length: r.bars }, (_, k) => r.from + k * MIN));
        const expected = present.flatMap((p, i) => (p ? [] : [i * MIN]));
        const separated = runs.every((r, k) => k === 0 || r.from > (runs[k - 1]?.to ?? 0) + MIN);
        return JSON.stringify(covered) === JSON.stringify(expected) && separated;
      }),
    );
  });
});
