import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTilt } from './regimeTilt.js';

describe('regime tilt', () => {
  it('in a rising regime shifts the centre up and widens the sell side only', () => {
    const t = applyTilt(0.01, 0.8, 0.5);
    expect(t.tilt).toBeCloseTo(0.4, 12);
    expect(t.centreShift).toBeCloseTo(0.004, 12);
    expect(t.sellStep).toBeCloseTo(0.014, 12);
    expect(t.buyStep).toBe(0.01);
  });

  it('in a falling regime shifts the centre down and widens the buy side only', () => {
    const t = applyTilt(0.01, -0.8, 0.5);
    expect(t.centreShift).toBeCloseTo(-0.004, 12);
    expect(t.buyStep).toBeCloseTo(0.014, 12);
    expect(t.sellStep).toBe(0.01);
  });

  it('never narrows a side below the untilted step, and is bounded by tilt_strength (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (step, regime, strength) => {
          const t = applyTilt(step, regime, strength);
          expect(t.buyStep).toBeGreaterThanOrEqual(step);
          expect(t.sellStep).toBeGreaterThanOrEqual(step);
          expect(Math.abs(t.tilt)).toBeLessThanOrEqual(strength);
          expect(Math.max(t.buyStep, t.sellStep)).toBeLessThanOrEqual(step * (1 + strength) + 1e-15);
        },
      ),
    );
  });
});
