import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TunableParam } from '../strategy/types.js';
import { searchCandidates } from './paramSearch.js';

const TUNABLE: TunableParam[] = [
  { key: 'levels', min: 2, max: 20, integer: true, description: '' },
  { key: 'low', min: 0.1, max: 5, integer: false, description: '' },
  { key: 'high', min: 0.5, max: 10, integer: false, description: '' },
];
const always = () => true;

describe('searchCandidates', () => {
  it('starts with the defaults and gives the same candidates for the same seed', () => {
    const a = searchCandidates(TUNABLE, { mode: 'random', trials: 12, seed: 5 }, always);
    const b = searchCandidates(TUNABLE, { mode: 'random', trials: 12, seed: 5 }, always);
    expect(a[0]).toEqual({});
    expect(a).toHaveLength(13);
    expect(b).toEqual(a);
    expect(searchCandidates(TUNABLE, { mode: 'random', trials: 12, seed: 6 }, always)).not.toEqual(a);
  });

  it('keeps every random draw inside the declared bounds, integers whole, for every seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 20 }), (seed, trials) => {
        for (const c of searchCandidates(TUNABLE, { mode: 'random', trials, seed }, always).slice(1))
          for (const t of TUNABLE) {
            const v = c[t.key] as number;
            expect(v).toBeGreaterThanOrEqual(t.min);
            expect(v).toBeLessThanOrEqual(t.max);
            if (t.integer) expect(Number.isInteger(v)).toBe(true);
          }
      }),
    );
  });

  it('draws again when the strategy refuses a combination', () => {
    const ordered = (c: Record<string, unknown>) => (c.low as number) <= (c.high as number);
    const found = searchCandidates(TUNABLE, { mode: 'random', trials: 20, seed: 1 }, ordered);
    expect(found.length).toBe(21);
    for (const c of found.slice(1)) expect(ordered(c)).toBe(true);
  });

  it('grid mode walks evenly spaced values from min to max on the chosen keys only', () => {
    const found = searchCandidates(TUNABLE, { mode: 'grid', trials: 9, seed: 1, keys: ['levels', 'high'] }, always);
    expect(found.slice(1)).toEqual([
      { levels: 2, high: 0.5 },
      { levels: 2, high: 5.25 },
      { levels: 2, high: 10 },
      { levels: 11, high: 0.5 },
      { levels: 11, high: 5.25 },
      { levels: 11, high: 10 },
      { levels: 20, high: 0.5 },
      { levels: 20, high: 5.25 },
      { levels: 20, high: 10 },
    ]);
  });

  it('grid mode keeps at most `trials` points, the same ones for the same seed', () => {
    const a = searchCandidates(TUNABLE, { mode: 'grid', trials: 5, seed: 9 }, always);
    expect(a).toHaveLength(6);
    expect(searchCandidates(TUNABLE, { mode: 'grid', trials: 5, seed: 9 }, always)).toEqual(a);
  });

  it('names an unknown key and a bad trial count', () => {
    expect(() => searchCandidates(TUNABLE, { mode: 'random', trials: 3, seed: 1, keys: ['nope'] }, always)).toThrow(
      '"nope" is not a tunable parameter; tunable: levels, low, high',
    );
    expect(() => searchCandidates(TUNABLE, { mode: 'random', trials: 0, seed: 1 }, always)).toThrow(/trials must be/);
  });
});
