import { type Candle, TIMEFRAME_MS, type Timeframe } from '../domain/market.js';
import { ValidationError } from '../errors/errors.js';

/** Share of each set's primary candles that is in-sample by default (the rest is out-of-sample). */
export const DEFAULT_IN_SAMPLE_FRACTION = 0.7;

/**
 * Which stretch of a set a run covers: the whole series, the earlier part where parameters are
 * chosen (`in-sample`), or the later part where they are scored (`out-of-sample`).
 */
export const RESEARCH_PARTS = ['full', 'in-sample', 'out-of-sample'] as const;
export type ResearchPart = (typeof RESEARCH_PARTS)[number];

/** Candles per timeframe, as a backtest takes them. */
export type CandleSet = Readonly<Partial<Record<Timeframe, readonly Candle[]>>>;

/** A stretch of primary candles by open time (ms since epoch, both ends included). */
export interface PartRange {
  readonly from: number;
  readonly to: number;
  readonly candles: number;
}

/** Where a set is cut in time. */
export interface WalkForwardSplit {
  readonly inSampleFraction: number;
  /**
   * Open time (ms) of the first out-of-sample primary candle. In-sample runs see only candles that
   * closed by then; out-of-sample runs trade only candles that open at or after it.
   */
  readonly splitTime: number;
  readonly inSample: PartRange;
  readonly outOfSample: PartRange;
}

/**
 * Cuts a set's primary candles (oldest first) at `floor(n × inSampleFraction)`: the candles before
 * that index are in-sample, the rest out-of-sample. Throws a ValidationError when the fraction is
 * outside (0, 1) or either part would be empty.
 */
export function walkForwardSplit(primary: readonly Candle[], inSampleFraction = DEFAULT_IN_SAMPLE_FRACTION): WalkForwardSplit {
  if (!(inSampleFraction > 0 && inSampleFraction < 1))
    throw new ValidationError(`in-sample fraction must be between 0 and 1 (exclusive), got ${inSampleFraction}`, 'split', {
      inSampleFraction,
    });
  const n = primary.length;
  const cut = Math.floor(n * inSampleFraction);
  if (cut < 1 || cut >= n)
    throw new ValidationError(
      `${n} candles are too few to split ${Math.round(inSampleFraction * 100)}/${Math.round((1 - inSampleFraction) * 100)}`,
      'split',
      {
        candles: n,
      },
    );
  const at = (i: number) => (primary[i] as Candle).openTime;
  return {
    inSampleFraction,
    splitTime: at(cut),
    inSample: { from: at(0), to: at(cut - 1), candles: cut },
    outOfSample: { from: at(cut), to: at(n - 1), candles: n - cut },
  };
}

/** What one run of a part is given: the candles it may see, and the first open time it trades. */
export interface PartWindow {
  readonly candles: CandleSet;
  /** Cycles before this open time only warm indicators up (undefined: trade from the first candle). */
  readonly from?: number;
}

/**
 * The candles a run of `part` may see.
 *
 * - `full`: everything.
 * - `in-sample`: per timeframe, only the candles closed by `splitTime`, so nothing a run chooses
 *   parameters on can depend on the out-of-sample part.
 * - `out-of-sample`: every candle closing after `splitTime`, preceded by `warmUp[tf]` candles
 *   taken from the end of the in-sample part (the strategy's own warm-up requirement) and never
 *   from the out-of-sample part's future; trading starts at `splitTime`.
 */
export function partWindow(
  candles: CandleSet,
  split: WalkForwardSplit,
  part: ResearchPart,
  warmUp: Readonly<Partial<Record<Timeframe, number>>>,
): PartWindow {
  if (part === 'full') return { candles };
  const out: Partial<Record<Timeframe, readonly Candle[]>> = {};
  for (const tf of Object.keys(candles) as Timeframe[]) {
    const series = candles[tf] ?? [];
    const closedBySplit = firstClosingAfter(series, TIMEFRAME_MS[tf], split.splitTime);
    if (part === 'in-sample') out[tf] = series.slice(0, closedBySplit);
    else out[tf] = series.slice(Math.max(0, closedBySplit - Math.max(0, warmUp[tf] ?? 0)));
  }
  return part === 'in-sample' ? { candles: out } : { candles: out, from: split.splitTime };
}

/** Index of the first candle whose close (open + length) is after `time` (binary search; series sorted). */
function firstClosingAfter(series: readonly Candle[], lengthMs: number, time: number): number {
  let lo = 0;
  let hi = series.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((series[mid] as Candle).openTime + lengthMs <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
