import type { Timeframe } from '../domain/market.js';
import type { CandleGap } from '../ports/store.js';
import { addBars, barsBetween, openTimesBetween } from './timeframeMath.js';

/** Consecutive missing bars [from, to] (open times, inclusive). */
export interface OpenTimeRun {
  readonly from: number;
  readonly to: number;
  readonly bars: number;
}

/**
 * Bars in [from, to] that are neither cached nor inside a gap the exchange is known to have,
 * grouped into consecutive runs so each run can be fetched with one paged request.
 */
export function missingRuns(
  from: number,
  to: number,
  timeframe: Timeframe,
  cachedOpenTimes: readonly number[],
  knownGaps: readonly CandleGap[],
): OpenTimeRun[] {
  const cached = new Set(cachedOpenTimes);
  const inKnownGap = (t: number) => knownGaps.some((g) => g.from <= t && t <= g.to);
  const runs: OpenTimeRun[] = [];
  let runFrom: number | null = null;
  let runTo = 0;
  for (const t of openTimesBetween(from, to, timeframe)) {
    if (cached.has(t) || inKnownGap(t)) {
      if (runFrom !== null) runs.push({ from: runFrom, to: runTo, bars: barsBetween(runFrom, runTo, timeframe) });
      runFrom = null;
      continue;
    }
    if (runFrom === null || addBars(runTo, timeframe, 1) !== t) runFrom = t;
    runTo = t;
  }
  if (runFrom !== null) runs.push({ from: runFrom, to: runTo, bars: barsBetween(runFrom, runTo, timeframe) });
  return runs;
}
