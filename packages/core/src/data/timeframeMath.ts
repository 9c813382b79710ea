import { TIMEFRAME_MS, type Timeframe } from '../domain/market.js';

const DAY = 86_400_000;

/**
 * Where Binance anchors each fixed-length timeframe relative to the Unix epoch (a Thursday):
 * weeks open on Monday 00:00 UTC (epoch + 4 days) and 3-day bars on epoch + 1 day, as the
 * recorded 2018 candles show. Every other timeframe divides the day and anchors at 0.
 */
const ANCHOR_MS: Partial<Record<Timeframe, number>> = { '1w': 4 * DAY, '3d': DAY };

/** Open time of the bar that contains `time`. `1M` follows calendar months (UTC). */
export function floorToTimeframe(time: number, timeframe: Timeframe): number {
  if (timeframe === '1M') {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const length = TIMEFRAME_MS[timeframe];
  const anchor = ANCHOR_MS[timeframe] ?? 0;
  return Math.floor((time - anchor) / length) * length + anchor;
}

/** Open time `n` bars after (or, for negative n, before) the bar opening at `openTime`. */
export function addBars(openTime: number, timeframe: Timeframe, n: number): number {
  if (timeframe === '1M') {
    const d = new Date(openTime);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
  }
  return openTime + n * TIMEFRAME_MS[timeframe];
}

/** First instant after the bar: the bar is closed once the clock reaches it. */
export function closeTimeOf(openTime: number, timeframe: Timeframe): number {
  return addBars(openTime, timeframe, 1);
}

export function isAligned(openTime: number, timeframe: Timeframe): boolean {
  return floorToTimeframe(openTime, timeframe) === openTime;
}

/** Open time of the newest bar that is closed at `now` (the forming bar is the one after it). */
export function lastClosedOpenTime(now: number, timeframe: Timeframe): number {
  return addBars(floorToTimeframe(now, timeframe), timeframe, -1);
}

/** Every bar open time in [from, to], both aligned; empty when from > to. */
export function openTimesBetween(from: number, to: number, timeframe: Timeframe): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t = addBars(t, timeframe, 1)) out.push(t);
  return out;
}

/** Number of bars from `from` to `to` inclusive. */
export function barsBetween(from: number, to: number, timeframe: Timeframe): number {
  if (from > to) return 0;
  if (timeframe !== '1M') return Math.floor((to - from) / TIMEFRAME_MS[timeframe]) + 1;
  return openTimesBetween(from, to, timeframe).length;
}
