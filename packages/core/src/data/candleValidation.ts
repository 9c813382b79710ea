import type { Candle, Timeframe } from '../domain/market.js';
import { MarketDataError } from '../errors/errors.js';
import { isAligned } from './timeframeMath.js';

// Binance's close time is the next open time − 1 ms; exporters sometimes write it as "the" time.
const CLOSE_TIME_HINT = ' (it is 1 ms before one: these look like close times; the file needs the open times)';

/**
 * The rules every candle series must keep, wherever it comes from (a file, the exchange, the cache).
 * Codes are stable: they appear in error context and in the README's list of candle errors.
 */
export const CANDLE_RULES = {
  columns: 'the file has an open time column and open, high, low, close and volume',
  number: 'price and volume cells are numbers',
  time_value: 'open times are epoch seconds/ms/µs/ns or ISO-8601 dates, between 2000 and 2099',
  whole_ms: 'open times are whole milliseconds since 1970',
  aligned: 'open times sit on the timeframe boundary (UTC)',
  unique: 'open times are unique',
  ordered: 'rows are in time order',
  positive_prices: 'open, high, low and close are positive finite numbers',
  volume: 'volume is a finite number ≥ 0',
  ohlc_range: 'low ≤ open, close ≤ high',
} as const;

export type CandleRule = keyof typeof CANDLE_RULES;

/** Names a row for a person: `line 62` in a CSV, `row 60 (index 59)` in a JSON array. */
export type RowLabeler = (index: number) => string;

/** Rows of an exchange page or a cached window: no file line to name, so the open time does. */
export const indexLabel: RowLabeler = (index) => `row ${index + 1} (index ${index})`;

export interface CandleProblem {
  /** Index of the offending candle in the series. */
  readonly index: number;
  /** The row as `RowLabeler` names it. */
  readonly row: string;
  readonly rule: CandleRule;
  /** One line: where, what was found, and the rule broken. */
  readonly message: string;
}

/** A candle series broke a rule; `problems` lists the first few (all of them name row and rule). */
export class CandleDataError extends MarketDataError {
  constructor(
    readonly problems: readonly CandleProblem[],
    readonly total: number,
    context: Record<string, unknown> = {},
  ) {
    const first = problems[0] as CandleProblem;
    const more =
      total > 1
        ? ` (and ${total - 1} more: ${problems
            .slice(1, 4)
            .map((p) => p.message)
            .join('; ')}${total > 4 ? '; …' : ''})`
        : '';
    super(`${first.message}${more}`, { ...context, row: first.row, rule: first.rule, problems: total });
  }
}

const iso = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms));

/**
 * Every rule broken by a series, up to `max` problems (the count goes on): unaligned or repeated
 * open times, rows out of order, prices that are not positive finite numbers, a negative volume,
 * or a high/low that does not bracket open and close. Candles are plain numbers, as parsed.
 */
export function findCandleProblems(
  candles: readonly Candle[],
  timeframe: Timeframe,
  label: RowLabeler = indexLabel,
  max = 10,
): { problems: CandleProblem[]; total: number } {
  const problems: CandleProblem[] = [];
  let total = 0;
  const report = (index: number, rule: CandleRule, what: string) => {
    total++;
    if (problems.length < max) {
      const row = label(index);
      problems.push({ index, row, rule, message: `${row}: ${what} (rule: ${CANDLE_RULES[rule]})` });
    }
  };
  let previous = Number.NEGATIVE_INFINITY;
  let previousIndex = -1;
  for (let i = 0; i < candles.length; i++) {
    const c = candles[i] as Candle;
    const t = c.openTime;
    if (!Number.isSafeInteger(t) || t < 0) report(i, 'whole_ms', `open time ${t} is not a whole millisecond`);
    else if (!isAligned(t, timeframe))
      report(i, 'aligned', `open time ${iso(t)} is not on a ${timeframe} boundary${isAligned(t + 1, timeframe) ? CLOSE_TIME_HINT : ''}`);
    if (t === previous) report(i, 'unique', `open time ${iso(t)} is a duplicate of ${label(previousIndex)}`);
    else if (t < previous) report(i, 'ordered', `open time ${iso(t)} comes after ${iso(previous)} (${label(previousIndex)}): out of order`);
    const { open, high, low, close, volume } = c;
    if (!(open > 0 && high > 0 && low > 0 && close > 0 && high < Infinity && open < Infinity && close < Infinity)) {
      report(i, 'positive_prices', `open/high/low/close ${open}/${high}/${low}/${close} are not all positive numbers`);
    } else if (!(low <= open && low <= close && high >= open && high >= close)) {
      report(i, 'ohlc_range', `high/low ${high}/${low} do not bracket open ${open} and close ${close}`);
    }
    if (!(volume >= 0 && volume < Infinity)) report(i, 'volume', `volume ${volume} is not a non-negative number`);
    // Each row is compared with the one before it, so one misplaced row is reported once.
    previous = t;
    previousIndex = i;
  }
  return { problems, total };
}

/**
 * Rejects a candle series that cannot be trusted (see `findCandleProblems`). Throwing here is what
 * keeps a bad exchange page from becoming a stored candle and a bad file from becoming a backtest.
 * @throws CandleDataError (a MarketDataError) naming the first problems' rows and rules.
 */
export function assertValidCandles(
  candles: readonly Candle[],
  timeframe: Timeframe,
  context: Record<string, unknown> = {},
  label: RowLabeler = indexLabel,
): void {
  const { problems, total } = findCandleProblems(candles, timeframe, label, 4);
  if (total > 0) throw new CandleDataError(problems, total, { ...context, timeframe });
}
