import { type Candle, TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../domain/market.js';
import { ValidationError } from '../errors/errors.js';
import type { CandleSeries } from './candleRows.js';
import { type CheckedSeries, checkSeries, type JoinedSeries, joinSeries } from './checkedSeries.js';
import { addBars, isAligned } from './timeframeMath.js';

const DAY = 86_400_000;

/** One file's series, as read (a zip archive's entries are files of their own). */
export interface ParsedFile {
  /** The name rows are labelled with (`BTCUSDT-1m-2025-01.zip:BTCUSDT-1m-2025-01.csv`). */
  readonly file: string;
  readonly series: readonly CandleSeries[];
}

/** Every checked series found in a set of files, one per symbol and timeframe, joined across files. */
export interface AssembledSeries extends JoinedSeries {
  /** The files it came from, in time order. */
  readonly files: readonly string[];
}

/**
 * The checked path from parsed files to series a backtest can trust: series without a timeframe
 * label get one from their spacing, every part passes `checkSeries` (ordered, unique, aligned,
 * sane OHLC; with `repair` sorted and de-duplicated, and reported), and parts of the same symbol
 * and timeframe from several files are joined in time order with their overlaps checked
 * (`joinSeries`). Series without a symbol label join each other (one unlabelled pair).
 * @throws CandleDataError naming file, row and rule; ValidationError when a timeframe cannot be told.
 */
export function assembleSeries(files: readonly ParsedFile[], options: { readonly repair?: boolean } = {}): AssembledSeries[] {
  const groups = new Map<string, Array<{ file: string; part: CheckedSeries }>>();
  for (const { file, series } of files) {
    for (const s of series) {
      if (s.candles.length === 0) continue;
      const timeframe = s.timeframe ?? inferTimeframe(s.candles, file);
      if (s.timeframe !== null) checkTimeframeLabel(s.candles, s.timeframe, file);
      const part = checkSeries(s, timeframe, options);
      const key = `${s.symbol ?? ''}|${timeframe}`;
      const group = groups.get(key) ?? [];
      groups.set(key, group);
      group.push({ file, part });
    }
  }
  return [...groups.values()].map((group) => {
    const joined = joinSeries(group.map((g) => g.part));
    const order = [...group].sort((a, b) => (a.part.candles[0] as Candle).openTime - (b.part.candles[0] as Candle).openTime);
    return { ...joined, files: order.map((g) => g.file) };
  });
}

/**
 * Timeframe of an unlabelled series: the most common spacing between its first 1,000 open times,
 * taken in time order (so a file with rows out of order still gets its timeframe, and then the
 * rule it breaks is named row by row), which must be one of Binance's timeframes; a spacing of 28
 * to 31 days between open times that all fall on the 1st of a month (UTC) is `1M`.
 * @throws ValidationError (field `timeframe`) naming the spacing found.
 */
export function inferTimeframe(candles: readonly Candle[], file: string): Timeframe {
  const times = candles
    .slice(0, 1000)
    .map((c) => c.openTime)
    .sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const d = (times[i] as number) - (times[i - 1] as number);
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const step = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const timeframe = (Object.entries(TIMEFRAME_MS) as Array<[Timeframe, number]>).find(([tf, ms]) => ms === step && tf !== '1M')?.[0];
  if (timeframe) return timeframe;
  // Months are 28 to 31 days long, so monthly candles have no one spacing: they open on the 1st.
  if (step !== undefined && step >= 28 * DAY && step <= 31 * DAY && times.every((t) => isAligned(t, '1M'))) return '1M';
  if (step === undefined)
    throw new ValidationError(
      `${file}: cannot tell the timeframe of an unlabelled series of ${candles.length} candle(s); add a timeframe column`,
      'timeframe',
    );
  throw new ValidationError(
    `${file}: cannot tell the timeframe: the most common spacing between rows is ${step / 1000} s, which is not a timeframe Warden backtests (${TIMEFRAMES.join(', ')})`,
    'timeframe',
    { stepMs: step },
  );
}

/**
 * A timeframe label (a column, a file name) must fit the rows: a 1h file labelled 5m would pass
 * every rule (1h open times sit on 5m boundaries) and be read as 5m candles with eleven missing
 * after each. Exchanges send a bar even when nothing traded, so a true label shows its spacing
 * between some two of the first 1,000 rows.
 * @throws ValidationError (field `timeframe`) naming the label and the spacing the rows have.
 */
export function checkTimeframeLabel(candles: readonly Candle[], timeframe: Timeframe, file: string): void {
  if (candles.length < 3) return;
  const times = candles
    .slice(0, 1000)
    .map((c) => c.openTime)
    .sort((a, b) => a - b);
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) {
    const t = times[i - 1] as number;
    const d = (times[i] as number) - t;
    if (d === addBars(t, timeframe, 1) - t) return;
    if (d > 0 && d < smallest) smallest = d;
  }
  if (!Number.isFinite(smallest)) return;
  const name = (Object.entries(TIMEFRAME_MS) as Array<[Timeframe, number]>).find(([tf, ms]) => ms === smallest && tf !== '1M')?.[0];
  throw new ValidationError(
    `${file}: the rows are labelled ${timeframe} but no two of them are ${timeframe} apart (the closest two are ${name ?? `${smallest / 1000} s`} apart): the label is wrong`,
    'timeframe',
    { timeframe, stepMs: smallest },
  );
}
