/**
 * Converts a per-candle σ of log returns into the expected high-low range of a candle: for a random
 * walk the expected range over an interval is σ·√(8/π) ≈ 1.6σ. That puts realized volatility on
 * the same scale as ATR (an average range), so the two can be blended.
 */
export const SIGMA_TO_RANGE = Math.sqrt(8 / Math.PI);

export interface SpacingInputs {
  readonly atr: number;
  readonly volatility: number;
  readonly price: number;
  readonly blend: number;
  readonly multiplier: number;
  readonly minPct: number;
  readonly maxPct: number;
}

export interface Spacing {
  /** Final step in percent, after clamping. */
  readonly spacingPct: number;
  readonly atrSpacingPct: number;
  readonly volatilitySpacingPct: number;
  readonly clamped: 'min' | 'max' | null;
}

/**
 * spacing% = clamp(multiplier × (blend × 100·ATR/price + (1 − blend) × 100·σ·√(8/π)), min, max).
 * A wider market gives a wider grid: levels a typical candle's range apart, not a fixed percentage.
 */
export function adaptiveSpacing(inputs: SpacingInputs): Spacing {
  const atrSpacingPct = inputs.multiplier * ((100 * inputs.atr) / inputs.price);
  const volatilitySpacingPct = inputs.multiplier * 100 * inputs.volatility * SIGMA_TO_RANGE;
  const raw = inputs.blend * atrSpacingPct + (1 - inputs.blend) * volatilitySpacingPct;
  const spacingPct = Math.min(inputs.maxPct, Math.max(inputs.minPct, raw));
  const clamped = raw < inputs.minPct ? 'min' : raw > inputs.maxPct ? 'max' : null;
  return { spacingPct, atrSpacingPct, volatilitySpacingPct, clamped };
}
