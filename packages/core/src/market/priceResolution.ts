import type { Candle } from '../domain/market.js';

/** Most decimal places a price may need; beyond this a value is float noise, not a tick. */
const MAX_DECIMALS = 18;
/** Significant digits a real exchange price can carry; more are float noise (0.1 + 0.2). */
const SIGNIFICANT_DIGITS = 10;

/**
 * Decimal places of one price as it was written, robust to the two ways a number hides them:
 * exponent notation (`7.1e-7` has 8 places) and float noise (`0.30000000000000004` has 1). It is
 * the smallest d for which price × 10^d is an integer to within 1e-13 relative — a double carries
 * ~16 significant digits, so that tolerance absorbs noise (a few ulps) while keeping up to 10 real digits.
 */
export function decimalPlacesOf(price: number): number {
  if (!(price > 0) || !Number.isFinite(price)) return 0;
  // Places beyond the 10th significant digit are noise however the value was written.
  const cap = Math.min(MAX_DECIMALS, Math.max(0, SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(price))));
  let scale = 1;
  for (let d = 0; d < cap; d++) {
    const v = price * scale;
    if (Math.abs(v - Math.round(v)) <= 1e-13 * v) return d;
    scale *= 10;
  }
  return cap;
}

/**
 * The finest price resolution in a series (the most decimal places of any open, high, low or
 * close), as decimal places and as a tick string (`8` → `0.00000001`). A tick derived from it is
 * never coarser than the prices themselves, so no recorded price falls between two ticks.
 */
export function seriesPriceResolution(candles: readonly Candle[]): { readonly decimals: number; readonly tick: string } {
  let decimals = 0;
  let lastSeen = Number.NaN;
  const see = (p: number) => {
    // Neighbouring prices repeat often; their places are already counted.
    if (p === lastSeen) return;
    lastSeen = p;
    const d = decimalPlacesOf(p);
    if (d > decimals) decimals = d;
  };
  for (const c of candles) {
    see(c.open);
    see(c.high);
    see(c.low);
    see(c.close);
  }
  return { decimals, tick: decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1` };
}
