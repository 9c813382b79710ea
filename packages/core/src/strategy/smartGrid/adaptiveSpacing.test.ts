import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptiveSpacing, SIGMA_TO_RANGE } from './adaptiveSpacing.js';

const base = { price: 100, blend: 0.5, multiplier: 1, minPct: 0.1, maxPct: 10 };

describe('adaptive spacing', () => {
  it('blends ATR% and realized-volatility range by volatility_blend', () => {
    const s = adaptiveSpacing({ ...base, atr: 2, volatility: 0.01, blend: 0.25 });
    expect(s.atrSpacingPct).toBeCloseTo(2, 12);
    expect(s.volatilitySpacingPct).toBeCloseTo(SIGMA_TO_RANGE, 12);
    expect(s.spacingPct).toBeCloseTo(0.25 * 2 + 0.75 * SIGMA_TO_RANGE, 12);
  });

  it('widens with ATR and with volatility, and stays inside [min, max] (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (atrA, atrB, volatility, blend) => {
          const a = adaptiveSpacing({ ...base, maxPct: 3, atr: Math.min(atrA, atrB), volatility, blend });
          const b = adaptiveSpacing({ ...base, maxPct: 3, atr: Math.max(atrA, atrB), volatility, blend });
          expect(b.spacingPct).toBeGreaterThanOrEqual(a.spacingPct);
          for (const s of [a, b]) {
            expect(s.spacingPct).toBeGreaterThanOrEqual(0.1);
            expect(s.spacingPct).toBeLessThanOrEqual(3);
          }
        },
      ),
    );
  });

  it('says when it was clamped', () => {
    expect(adaptiveSpacing({ ...base, atr: 0.01, volatility: 0 }).clamped).toBe('min');
    expect(adaptiveSpacing({ ...base, atr: 50, volatility: 0.5 }).clamped).toBe('max');
  });
});
