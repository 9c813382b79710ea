import { describe, expect, it } from 'vitest';
import { beats, researchScore } from './score.js';

describe('researchScore', () => {
  it('is return per unit of max drawdown', () => {
    expect(researchScore(6, 3)).toBe(2);
    expect(researchScore(-4, 8)).toBe(-0.5);
  });

  it('divides by at least 0.01 % so a run without drawdown stays finite', () => {
    expect(researchScore(1, 0)).toBe(100);
    expect(researchScore(0.5, 0.001)).toBe(50);
    expect(researchScore(0, 0)).toBe(0);
  });

  it('"beats" needs a strictly greater score', () => {
    expect(beats(1.5, 1)).toBe(true);
    expect(beats(1, 1)).toBe(false);
    expect(beats(-1, 0)).toBe(false);
  });
});
