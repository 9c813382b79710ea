import { type Candle, TIMEFRAME_MS, type Timeframe } from '../domain/market.js';
import { addBars, barsBetween } from './timeframeMath.js';

/**
 * A run of missing candles inside a series: the bars from `from` to `to` (open times, inclusive)
 * that should exist between two recorded ones, and how far the price moved across the hole
 * (close before → open after, percent), since a jump across a gap is what indicators would
 * otherwise read as one candle's move.
 */
export interface CandleGapReport {
  readonly timeframe: Timeframe;
  /** Open time of the first missing bar (ms). */
  readonly from: number;
  /** Open time of the last missing bar (ms). */
  readonly to: number;
  readonly missing: number;
  /** Close of the bar before the hole and open of the bar after it. */
  readonly closeBefore: number;
  readonly openAfter: number;
  /** (openAfter / closeBefore − 1) × 100. */
  readonly priceChangePct: number;
}

/** True when `next` is not the bar right after `previous` (calendar months included). */
export function isGapBetween(previous: number, next: number, timeframe: Timeframe): boolean {
  return timeframe === '1M' ? addBars(previous, timeframe, 1) !== next : next - previous !== TIMEFRAME_MS[timeframe];
}

/** Every hole in an ordered, validated series, oldest first. O(n). */
export function findGaps(candles: readonly Candle[], timeframe: Timeframe): CandleGapReport[] {
  const gaps: CandleGapReport[] = [];
  for (let i = 1; i < candles.length; i++) {
    const before = candles[i - 1] as Candle;
    const after = candles[i] as Candle;
    if (!isGapBetween(before.openTime, after.openTime, timeframe)) continue;
    const from = addBars(before.openTime, timeframe, 1);
    const to = addBars(after.openTime, timeframe, -1);
    gaps.push({
      timeframe,
      from,
      to,
      missing: barsBetween(from, to, timeframe),
      closeBefore: before.close,
      openAfter: after.open,
      priceChangePct: (after.open / before.close - 1) * 100,
    });
  }
  return gaps;
}

/** One line per gap for people: `2024-01-02 10:00 → 15:55 UTC: 72 × 5m missing, price +900.0 % across it`. */
export function describeGap(gap: CandleGapReport): string {
  const from = new Date(gap.from).toISOString().slice(0, 16).replace('T', ' ');
  const to = new Date(gap.to).toISOString().slice(0, 16).replace('T', ' ');
  const pct = Math.abs(gap.priceChangePct) < 0.05 ? 0 : gap.priceChangePct;
  const move = `${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %`;
  return `${from} → ${to} UTC: ${gap.missing} × ${gap.timeframe} missing, price ${move} across it`;
}

/**
 * The part of a window after its newest gap, and that gap (null when the window is continuous).
 * Paper and live windows go through this so indicators never bridge a hole, as in a backtest.
 */
export function sinceLastGap(
  candles: readonly Candle[],
  timeframe: Timeframe,
): { readonly window: readonly Candle[]; readonly gap: CandleGapReport | null } {
  for (let i = candles.length - 1; i > 0; i--) {
    const before = candles[i - 1] as Candle;
    const after = candles[i] as Candle;
    if (isGapBetween(before.openTime, after.openTime, timeframe))
      return { window: candles.slice(i), gap: findGaps([before, after], timeframe)[0] ?? null };
  }
  return { window: candles, gap: null };
}
