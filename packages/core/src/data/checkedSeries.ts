import type { Candle, Timeframe } from '../domain/market.js';
import { type CandleGapReport, findGaps } from './candleGaps.js';
import type { CandleSeries, TimeNotation } from './candleRows.js';
import { CandleDataError, type CandleProblem, findCandleProblems, type RowLabeler } from './candleValidation.js';
import { isAligned } from './timeframeMath.js';

/** What `--repair` changed, so the output can say it. */
export interface CandleRepairs {
  /** Rows that were not in time order and were moved. */
  readonly reordered: number;
  /** Rows dropped because an earlier row had the same open time (the first one is kept). */
  readonly duplicatesDropped: number;
  /** Of those, rows whose prices or volume differed from the kept row. */
  readonly conflictingDuplicates: number;
  /**
   * Rows dropped because their open time is off the timeframe's boundary (Binance's own klines had
   * such rows around its February 2018 outage: a 1h bar opening at :28).
   */
  readonly offBoundaryDropped: number;
  /** The first few dropped rows, named. */
  readonly examples: readonly string[];
}

/** A series that passed every candle rule, with its gaps and (when asked for) the repairs made. */
export interface CheckedSeries {
  readonly symbol: string | null;
  readonly timeframe: Timeframe;
  readonly candles: readonly Candle[];
  readonly rowLabel: RowLabeler;
  readonly timeNotations: readonly TimeNotation[];
  readonly gaps: readonly CandleGapReport[];
  readonly repairs: CandleRepairs | null;
}

/**
 * The one checked path for candles read from files: every rule of `findCandleProblems` (ordered,
 * unique, aligned to the timeframe, sane OHLC), then the gaps. Without `repair` any problem throws;
 * with it, rows out of order are sorted, repeated open times keep their first row and rows off the
 * timeframe boundary are dropped — all reported in `repairs` — and whatever is still wrong (bad
 * prices) throws.
 * @throws CandleDataError naming the row (line or index) and the rule broken.
 */
export function checkSeries(series: CandleSeries, timeframe: Timeframe, options: { readonly repair?: boolean } = {}): CheckedSeries {
  let { candles, rowLabel } = series;
  let repairs: CandleRepairs | null = null;
  if (options.repair) ({ candles, rowLabel, repairs } = repair(candles, rowLabel, timeframe));
  const { problems, total } = findCandleProblems(candles, timeframe, rowLabel, 4);
  if (total > 0)
    throw new CandleDataError(problems, total, { symbol: series.symbol, timeframe, hint: hintFor(problems, options.repair === true) });
  return {
    symbol: series.symbol,
    timeframe,
    candles,
    rowLabel,
    timeNotations: series.timeNotations,
    gaps: findGaps(candles, timeframe),
    repairs,
  };
}

function hintFor(problems: readonly CandleProblem[], repairing: boolean): string | undefined {
  if (repairing) return undefined;
  return problems.some((p) => p.rule === 'unique' || p.rule === 'ordered' || p.rule === 'aligned')
    ? 'rerun with --repair to sort the rows, keep the first of repeated open times and drop rows off the timeframe boundary'
    : undefined;
}

function sameCandle(a: Candle, b: Candle): boolean {
  return a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;
}

function repair(
  candles: readonly Candle[],
  rowLabel: RowLabeler,
  timeframe: Timeframe,
): { candles: Candle[]; rowLabel: RowLabeler; repairs: CandleRepairs } {
  const order = candles.map((_, i) => i);
  // A stable sort: of two rows with one open time, the earlier row in the file stays first.
  order.sort((a, b) => (candles[a] as Candle).openTime - (candles[b] as Candle).openTime || a - b);
  let reordered = 0;
  for (let i = 0; i < order.length; i++) if (order[i] !== i) reordered++;
  const kept: number[] = [];
  let duplicatesDropped = 0;
  let conflictingDuplicates = 0;
  let offBoundaryDropped = 0;
  const examples: string[] = [];
  for (const i of order) {
    const last = kept[kept.length - 1];
    const c = candles[i] as Candle;
    if (Number.isSafeInteger(c.openTime) && !isAligned(c.openTime, timeframe)) {
      offBoundaryDropped++;
      if (examples.length < 5)
        examples.push(`${rowLabel(i)} (open time ${new Date(c.openTime).toISOString()} is not on a ${timeframe} boundary)`);
      continue;
    }
    if (last !== undefined && (candles[last] as Candle).openTime === c.openTime) {
      duplicatesDropped++;
      const conflict = !sameCandle(candles[last] as Candle, c);
      if (conflict) conflictingDuplicates++;
      if (examples.length < 5) examples.push(`${rowLabel(i)} (repeats ${rowLabel(last)}${conflict ? ', with different values' : ''})`);
      continue;
    }
    kept.push(i);
  }
  return {
    candles: kept.map((i) => candles[i] as Candle),
    rowLabel: (index) => rowLabel(kept[index] ?? index),
    repairs: { reordered, duplicatesDropped, conflictingDuplicates, offBoundaryDropped, examples },
  };
}

/** Says what a repair did, or null when it found nothing to do. */
export function describeRepairs(r: CandleRepairs): string | null {
  const parts: string[] = [];
  if (r.reordered > 0) parts.push(`moved ${r.reordered} row${r.reordered === 1 ? '' : 's'} into time order`);
  if (r.offBoundaryDropped > 0)
    parts.push(`dropped ${r.offBoundaryDropped} row${r.offBoundaryDropped === 1 ? '' : 's'} off the timeframe boundary`);
  if (r.duplicatesDropped > 0)
    parts.push(
      `dropped ${r.duplicatesDropped} row${r.duplicatesDropped === 1 ? '' : 's'} repeating an open time${r.conflictingDuplicates > 0 ? ` (${r.conflictingDuplicates} with different values; the first row was kept)` : ''}`,
    );
  if (parts.length === 0) return null;
  const dropped = r.duplicatesDropped + r.offBoundaryDropped;
  return `${parts.join('; ')}${r.examples.length > 0 ? `: ${r.examples.join(', ')}${dropped > r.examples.length ? ', …' : ''}` : ''}`;
}

/** Overlaps met while joining files: rows present in two files with the same values (one is kept). */
export interface JoinedSeries extends CheckedSeries {
  readonly overlapsDropped: number;
}

/**
 * Joins checked parts of one series (one file per day or month, as Binance publishes them) in time
 * order. Where two parts overlap, each repeated open time must carry the same candle: one copy is
 * kept and counted; different values stop the join, naming both rows. Holes between parts are gaps.
 * @throws CandleDataError (rule `unique`) when overlapping parts disagree about a candle.
 */
export function joinSeries(parts: readonly CheckedSeries[]): JoinedSeries {
  const sorted = [...parts]
    .filter((p) => p.candles.length > 0)
    .sort((a, b) => (a.candles[0] as Candle).openTime - (b.candles[0] as Candle).openTime);
  const first = sorted[0] ?? parts[0];
  if (!first) throw new RangeError('joinSeries needs at least one part');
  if (sorted.length <= 1) return { ...first, overlapsDropped: 0 };
  const candles: Candle[] = [];
  const origin: Array<{ part: CheckedSeries; index: number }> = [];
  let overlapsDropped = 0;
  for (const part of sorted) {
    for (let i = 0; i < part.candles.length; i++) {
      const c = part.candles[i] as Candle;
      const lastIndex = candles.length - 1;
      const last = candles[lastIndex];
      if (last && c.openTime <= last.openTime) {
        // Overlap: find the row already taken for this open time (parts are each ordered).
        let j = lastIndex;
        while (j > 0 && (candles[j] as Candle).openTime > c.openTime) j--;
        const taken = candles[j] as Candle;
        const takenFrom = origin[j] as { part: CheckedSeries; index: number };
        if (taken.openTime !== c.openTime || !sameCandle(taken, c)) {
          const row = part.rowLabel(i);
          const other = takenFrom.part.rowLabel(takenFrom.index);
          throw new CandleDataError(
            [
              {
                index: i,
                row,
                rule: 'unique',
                message: `${row}: open time ${new Date(c.openTime).toISOString()} overlaps ${other} with ${taken.openTime === c.openTime ? 'different values' : 'no matching row'} (rule: files joined in time order must agree where they overlap)`,
              },
            ],
            1,
          );
        }
        overlapsDropped++;
        continue;
      }
      candles.push(c);
      origin.push({ part, index: i });
    }
  }
  const notations = [...new Set(sorted.flatMap((p) => p.timeNotations))];
  return {
    symbol: first.symbol,
    timeframe: first.timeframe,
    candles,
    rowLabel: (index) => {
      const o = origin[index];
      return o ? o.part.rowLabel(o.index) : `row ${index + 1}`;
    },
    timeNotations: notations,
    gaps: findGaps(candles, first.timeframe),
    repairs: sorted.some((p) => p.repairs) ? mergeRepairs(sorted.map((p) => p.repairs)) : null,
    overlapsDropped,
  };
}

function mergeRepairs(all: ReadonlyArray<CandleRepairs | null>): CandleRepairs {
  const present = all.filter((r): r is CandleRepairs => r !== null);
  return {
    reordered: present.reduce((n, r) => n + r.reordered, 0),
    duplicatesDropped: present.reduce((n, r) => n + r.duplicatesDropped, 0),
    conflictingDuplicates: present.reduce((n, r) => n + r.conflictingDuplicates, 0),
    offBoundaryDropped: present.reduce((n, r) => n + r.offBoundaryDropped, 0),
    examples: present.flatMap((r) => r.examples).slice(0, 5),
  };
}
