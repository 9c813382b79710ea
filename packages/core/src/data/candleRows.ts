import { type Candle, isTimeframe, type Timeframe } from '../domain/market.js';
import { unifiedSymbol } from '../market/quoteAssets.js';
import { CANDLE_RULES, CandleDataError, type CandleRule, type RowLabeler } from './candleValidation.js';
import { type EpochUnit, epochToMs, epochUnitOf, parseDateText, TimeValueError } from './epochTime.js';

/**
 * How a file wrote its open times, for the backtest's report: epoch numbers in one or more units,
 * and/or ISO dates with or without a zone (zone-less dates are read as UTC).
 */
export type TimeNotation = EpochUnit | 'iso-zoned' | 'iso-utc-assumed';

/** One symbol/timeframe's candles from a file; labels are null when the file does not say. */
export interface CandleSeries {
  readonly symbol: string | null;
  readonly timeframe: Timeframe | null;
  readonly candles: readonly Candle[];
  /** Names candle i's row in the source file (`dup.json row 60 (index 59)`, `data.csv line 62`). */
  readonly rowLabel: RowLabeler;
  /** The notations the file's open times were written in. */
  readonly timeNotations: readonly TimeNotation[];
}

/**
 * A decimal number written as text (`12`, `-0.5`, `1e-7`, ` 3 `), or NaN. Faster than a regex per
 * cell: `+text` does the parsing, and the checks refuse what `+` would also take but a candle file
 * never means (empty or blank cells, `0x1A`, `Infinity`).
 */
export function numberFromText(text: string): number {
  const n = +text;
  if (Number.isNaN(n)) return Number.NaN;
  let i = 0;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const c = text.charCodeAt(i);
  const digitOrSign = (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
  if (!digitOrSign) return Number.NaN; // blank, Infinity
  if (c === 48 && ((text.charCodeAt(i + 1) | 32) === 120 || (text.charCodeAt(i + 1) | 32) === 98 || (text.charCodeAt(i + 1) | 32) === 111))
    return Number.NaN; // 0x, 0b, 0o
  return n;
}
const ZONE_SUFFIX = /(Z|z|UTC|GMT|[+-]\d{2}(:?\d{2})?)\s*$/;

/**
 * Accumulates the candles of one series with a label per row, converting cells with plain checks
 * (no schema object per row: a year of 1m candles is half a million rows). Every cell that is not
 * what it must be stops the file with a `CandleDataError` naming the row, the column and the rule.
 */
export class SeriesBuilder {
  readonly candles: Candle[] = [];
  /** Source row of each candle, as the caller numbers them (CSV line, JSON index). */
  readonly rows: number[] = [];
  readonly #notations = new Set<TimeNotation>();

  constructor(
    readonly symbol: string | null,
    readonly timeframe: Timeframe | null,
    private readonly labelOf: (row: number) => string,
  ) {}

  /** Adds one row given its cells; `row` is what `labelOf` turns into a name. */
  add(row: number, time: unknown, open: unknown, high: unknown, low: unknown, close: unknown, volume: unknown): void {
    this.candles.push({
      openTime: this.#time(row, time),
      open: this.#number(row, open, 'open'),
      high: this.#number(row, high, 'high'),
      low: this.#number(row, low, 'low'),
      close: this.#number(row, close, 'close'),
      volume: this.#number(row, volume, 'volume'),
    });
    this.rows.push(row);
  }

  /** Adds one row whose cells are already numbers (an epoch time in any unit, prices, volume). */
  addNumbers(row: number, time: number, open: number, high: number, low: number, close: number, volume: number): void {
    this.candles.push({ openTime: this.#epoch(row, time), open, high, low, close, volume });
    this.rows.push(row);
  }

  build(): CandleSeries {
    const rows = this.rows;
    const labelOf = this.labelOf;
    return {
      symbol: this.symbol,
      timeframe: this.timeframe,
      candles: this.candles,
      rowLabel: (index) => labelOf(rows[index] ?? index),
      timeNotations: [...this.#notations],
    };
  }

  #number(row: number, cell: unknown, column: string): number {
    if (typeof cell === 'number') return cell;
    if (typeof cell === 'string') {
      const n = numberFromText(cell);
      if (!Number.isNaN(n)) return n;
    }
    // `43,519.34` (thousands) and `43519,34` (a decimal comma) are both refused: which one it is cannot be told.
    const comma = typeof cell === 'string' && /^\s*[+-]?[\d.]*\d,\d[\d.,]*\s*$/.test(cell);
    const hint = comma ? ' (commas in numbers are not read: thousands separators and decimal commas look alike; write 43519.34)' : '';
    throw fail(this.labelOf(row), 'number', `${column} ${describeCell(cell)} is not a number${hint}`);
  }

  #epoch(row: number, value: number): number {
    try {
      const ms = epochToMs(value);
      this.#notations.add(epochUnitOf(value));
      return ms;
    } catch (error) {
      if (error instanceof TimeValueError) throw fail(this.labelOf(row), 'time_value', error.message);
      throw error;
    }
  }

  #time(row: number, cell: unknown): number {
    const value = typeof cell === 'number' ? cell : typeof cell === 'string' ? numberFromText(cell) : Number.NaN;
    if (!Number.isNaN(value)) return this.#epoch(row, value);
    try {
      if (typeof cell === 'string') {
        const ms = parseDateText(cell);
        // The zone can only follow the date: `2024-03-30` ends in `-30`, which is no offset.
        this.#notations.add(ZONE_SUFFIX.test(cell.trim().slice(10)) ? 'iso-zoned' : 'iso-utc-assumed');
        return ms;
      }
      throw new TimeValueError(`open time ${describeCell(cell)} is not a time`);
    } catch (error) {
      if (error instanceof TimeValueError) throw fail(this.labelOf(row), 'time_value', error.message);
      throw error;
    }
  }
}

function describeCell(cell: unknown): string {
  if (cell === undefined || cell === null || cell === '') return '(empty)';
  const text = typeof cell === 'string' ? `"${cell}"` : JSON.stringify(cell);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A file-level problem at one row (bad cell, unknown layout), with the same shape as a rule break. */
export function fail(row: string, rule: CandleRule, what: string): CandleDataError {
  return new CandleDataError([{ index: -1, row, rule, message: `${row}: ${what} (rule: ${CANDLE_RULES[rule]})` }], 1);
}

/** Groups rows into series by their symbol/timeframe labels (a multi-pair or multi-timeframe file). */
export class SeriesSplitter {
  readonly #series = new Map<string, SeriesBuilder>();
  readonly #pairs = new Map<string, string>();

  constructor(private readonly labelOf: (row: number) => string) {}

  for(row: number, label: string | null, timeframe: string | null): SeriesBuilder {
    // Once per label, not per row: a labelled file repeats the same few labels on every line.
    let symbol = label === null ? null : this.#pairs.get(label);
    if (symbol === undefined) {
      symbol = pairName(label as string);
      this.#pairs.set(label as string, symbol);
    }
    const key = `${symbol}|${timeframe}`;
    let builder = this.#series.get(key);
    if (!builder) {
      if (timeframe !== null && !isTimeframe(timeframe))
        throw fail(this.labelOf(row), 'columns', `unknown timeframe "${timeframe}" (expected one of Binance's: 1m, 5m, 1h, 4h, 1d, …)`);
      builder = new SeriesBuilder(symbol, timeframe, this.labelOf);
      this.#series.set(key, builder);
    }
    return builder;
  }

  build(): CandleSeries[] {
    return [...this.#series.values()].map((b) => b.build());
  }
}

/**
 * A file's pair label as `BASE/QUOTE`, the name `--symbol` and TRADING_SYMBOL use: `BTCUSDT`,
 * `btc/usdt`, `BTC-USDT` and `BTC_USDT` all become `BTC/USDT`. A label it cannot split (no known
 * quote asset) is kept as written.
 */
export function pairName(label: string): string {
  const text = label.trim();
  const split = /^([A-Za-z0-9]+)[-_]([A-Za-z0-9]+)$/.exec(text);
  return unifiedSymbol(split ? `${split[1]}/${split[2]}` : text) ?? text;
}
