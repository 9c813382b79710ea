import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/market.js';
import { candlesFromCloses } from '../testing/contextBuilder.js';
import { applyTilt, createRegimeIndicators, feedRegime, regimeOf } from './regimeTilt.js';

function regimeAfter(closes: readonly number[]) {
  const indicators = createRegimeIndicators();
  for (const c of candlesFromCloses(closes, 0.002, 0, 14_400_000) as Candle[]) feedRegime(indicators, c);
  return regimeOf(indicators);
}

describe('4h regime', () => {
  it('reads a steady trend from the MACD line, where the histogram alone sees nothing', () => {
    // 100 bars rising 0.5 % a bar: the MACD line settles at a constant, the histogram decays to ~0.
    const up = regimeAfter(Array.from({ length: 100 }, (_, i) => 100 * 1.005 ** i));
    expect(up.regime).toBeGreaterThan(0.5);
    expect(Math.abs(up.histogram!)).toBeLessThan(0.02 * up.macdLine!);
    const down = regimeAfter(Array.from({ length: 100 }, (_, i) => 100 * 0.995 ** i));
    expect(down.regime).toBeLessThan(-0.5);
  });

  it('is 0 and says why until MACD(12,26,9) and ATR(14) are ready', () => {
    expect(regimeAfter(Array.from({ length: 20 }, (_, i) => 100 + i))).toEqual({
      regime: 0,
      macdLine: null,
      histogram: null,
      atr4h: expect.any(Number),
    });
    expect(regimeAfter(Array.from({ length: 100 }, () => 100)).regime).toBe(0);
  });
});

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
