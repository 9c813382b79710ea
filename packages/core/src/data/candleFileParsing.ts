import { isTimeframe, type Timeframe } from '../domain/market.js';
import { scanArrayRows } from './arrayRowsScanner.js';
import { parseCandleCsv } from './candleCsv.js';
import { findKey, OHLCV_KEYS, SYMBOL_KEYS, TIME_KEYS, TIMEFRAME_KEYS } from './candleKeys.js';
import { type CandleSeries, fail, pairName, SeriesBuilder, SeriesSplitter } from './candleRows.js';

export type { CandleSeries, TimeNotation } from './candleRows.js';

/**
 * Parses candle files in every layout seen in recorded data: Binance kline arrays (12 fields,
 * string numbers), `[time,o,h,l,c,v]` arrays, arrays of candle objects, rows wrapped in an object
 * (`{"data":[…]}`), JSON lines, pandas JSON (columns, split, time-indexed), and CSV with or
 * without a header (see `parseCandleCsv`). A UTF-8 byte order mark is skipped; UTF-16 is refused. Open times may be epoch seconds,
 * ms, µs or ns (told apart by magnitude) or ISO dates (zone-less = UTC); see `epochTime.ts`.
 *
 * Cells are converted with plain checks. Arrays of rows (Binance klines, `[t,o,h,l,c,v]`) are read
 * by `scanArrayRows` straight from the text, about four times faster than `JSON.parse` alone; every
 * other layout, and any array the scanner leaves alone, goes through `parseCandleJson`. This only
 * reads: the series rules (order, uniqueness, alignment, sane OHLC) are checked by
 * `loadCandleSeries` / `assertValidCandles`, which name rows with the series' `rowLabel`.
 * @param source the file's name, used in row labels (`dup.json row 60 (index 59)`).
 * @throws CandleDataError naming the row and rule when a row cannot be read; SyntaxError-free:
 * malformed JSON is reported as a CandleDataError too.
 */
export function parseCandleText(text: string, source = ''): CandleSeries[] {
  const prefix = source === '' ? '' : `${source} `;
  // A UTF-8 byte order mark (Excel, Windows editors) is not part of the first cell.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // UTF-16 read as UTF-8 has a NUL byte beside every ASCII character.
  if (text.slice(0, 512).includes('\u0000'))
    throw fail(
      `${prefix}file`,
      'columns',
      'the text is UTF-16 (it holds NUL bytes, as Excel\'s "Unicode text" saves it); save it as "CSV UTF-8"',
    );
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    // Kline arrays, the common case, are read without JSON.parse; anything else (or any problem)
    // takes the general path, which gives the same candles and names the error.
    const rows = scanArrayRows(trimmed, rowLabeler(prefix));
    if (rows !== null) return [rows];
  }
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseCandleJson(trimmed, source);
  return parseCandleCsv(text, prefix);
}

/**
 * The general JSON path of `parseCandleText`: `JSON.parse`, then each row's cells through the
 * series' checks. Every JSON layout and every JSON error goes through here.
 * @throws CandleDataError naming the row and rule (or the file, for malformed JSON).
 */
export function parseCandleJson(text: string, source = ''): CandleSeries[] {
  const prefix = source === '' ? '' : `${source} `;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const lines = jsonLines(text, prefix);
    if (lines === null) throw fail(`${prefix}file`, 'columns', `not valid JSON (${(error as Error).message})`);
    const label = (i: number) => `${prefix}line ${lines.lineNumbers[i]}`;
    if (lines.rows.length > 0 && Array.isArray(lines.rows[0])) return [fromArrayRows(lines.rows, label)];
    return fromObjectRows(lines.rows, label);
  }
  return parseJson(data, prefix);
}

/**
 * JSON lines (one row per line, `{"t":…}` or `[t,o,h,l,c,v]`, as log-style exporters write them),
 * or null when the text is not laid out so (then it is simply broken JSON).
 * @throws CandleDataError naming the line that is not valid JSON.
 */
function jsonLines(text: string, prefix: string): { rows: unknown[]; lineNumbers: number[] } | null {
  const lines = text.split('\n');
  const rows: unknown[] = [];
  const lineNumbers: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    if (!line.startsWith('{') && !line.startsWith('[')) return null;
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      // A first line that is not a row on its own means the text is one broken document instead.
      if (rows.length === 0) return null;
      throw fail(`${prefix}line ${i + 1}`, 'columns', `not valid JSON (${(error as Error).message})`);
    }
    lineNumbers.push(i + 1);
  }
  return rows.length > 1 ? { rows, lineNumbers } : null;
}

const rowLabeler = (prefix: string) => (i: number) => `${prefix}row ${i + 1} (index ${i})`;

function parseJson(data: unknown, prefix: string): CandleSeries[] {
  const rowLabel = rowLabeler(prefix);
  if (Array.isArray(data)) {
    if (data.length === 0) return [new SeriesBuilder(null, null, rowLabel).build()];
    if (Array.isArray(data[0])) return [fromArrayRows(data, rowLabel)];
    return fromObjectRows(data, rowLabel);
  }
  if (data !== null && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const split = fromSplit(record);
    if (split !== null) return fromObjectRows(split, rowLabel);
    if (keyIn(record, TIME_KEYS) === null) {
      // Empty arrays are left out: an API's `"error": []` beside its candles is no candle list.
      const arrays = Object.keys(record).filter((k) => Array.isArray(record[k]) && (record[k] as unknown[]).length > 0);
      if (arrays.length === 1) return fromWrapper(record, arrays[0] as string, prefix);
      if (arrays.length > 1)
        throw fail(
          `${prefix}file`,
          'columns',
          `the object holds several arrays (${arrays.join(', ')}) and none is named as candles; save the candle rows alone`,
        );
    }
    return [fromColumns(record, prefix)];
  }
  throw fail(`${prefix}file`, 'columns', 'candle JSON must be an array of rows or an object of columns');
}

/**
 * Rows wrapped in an object, as APIs and scripts save them (`{"symbol":"ETH/USDT","timeframe":"5m",
 * "data":[…]}`, ccxt-style `{"ohlcv":[…]}`): the one array is read as a file of its own, its rows
 * named `data row 3 (index 2)`, and the wrapper's symbol/timeframe label the series that lack one.
 */
function fromWrapper(record: Record<string, unknown>, field: string, prefix: string): CandleSeries[] {
  const rows = record[field] as unknown[];
  const inner = parseJson(rows, `${prefix}${field} `);
  const symbolKey = keyIn(record, SYMBOL_KEYS);
  const timeframeKey = keyIn(record, TIMEFRAME_KEYS);
  const symbol = symbolKey === null ? null : record[symbolKey];
  const timeframe = timeframeKey === null ? null : record[timeframeKey];
  if (timeframe !== null && (typeof timeframe !== 'string' || !isTimeframe(timeframe)))
    throw fail(
      `${prefix}file`,
      'columns',
      `unknown timeframe ${JSON.stringify(timeframe)} (expected one of Binance's: 1m, 5m, 1h, 4h, 1d, …)`,
    );
  return inner.map((s) => ({
    ...s,
    symbol: s.symbol ?? (typeof symbol === 'string' ? pairName(symbol) : null),
    timeframe: s.timeframe ?? timeframe,
  }));
}

function fromArrayRows(rows: readonly unknown[], rowLabel: (i: number) => string): CandleSeries {
  if (krakenLike(rows))
    throw fail(
      rowLabel(0),
      'columns',
      "rows of 8 cells whose 6th cell lies inside every bar's low–high, as in Kraken's OHLC rows ([time, open, high, low, close, vwap, volume, count]): that cell is a price, not the volume; save [time, open, high, low, close, volume] rows",
    );
  const series = new SeriesBuilder(null, null, rowLabel);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length < 6)
      throw fail(rowLabel(i), 'columns', 'expected [open time, open, high, low, close, volume, …]');
    series.add(i, row[0], row[1], row[2], row[3], row[4], row[5]);
  }
  return series.build();
}

/** The record's field for the first of `keys` that it fills, names compared by `keyName` (`Open` is `open`). */
/**
 * Kraken's `/0/public/OHLC` rows: eight cells, the 6th a volume-weighted price (inside every bar's
 * low–high) and the 8th a trade count. Read as `[t,o,h,l,c,v]` the vwap would pass for the volume;
 * any other eight-cell layout (Bitget's `[ts,o,h,l,c,baseVol,quoteVol,usdtVol]`) has a volume
 * that is no price in at least one row.
 */
function krakenLike(rows: readonly unknown[]): boolean {
  if (!Array.isArray(rows[0]) || rows[0].length !== 8) return false;
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== 8) return false;
    const high = Number(row[2]);
    const low = Number(row[3]);
    const vwap = Number(row[5]);
    if (!(vwap >= low && vwap <= high) || !Number.isInteger(Number(row[7]))) return false;
  }
  return true;
}

function keyIn(record: Record<string, unknown>, keys: readonly string[]): string | null {
  const filled = Object.keys(record).filter((k) => record[k] !== undefined && record[k] !== '');
  const i = findKey(filled, keys);
  return i < 0 ? null : (filled[i] as string);
}

function fromObjectRows(rows: readonly unknown[], rowLabel: (i: number) => string): CandleSeries[] {
  const splitter = new SeriesSplitter(rowLabel);
  let keys: ObjectKeys | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object' || Array.isArray(row))
      throw fail(rowLabel(i), 'columns', 'expected an object like the rows before it');
    const r = row as Record<string, unknown>;
    // Rows of one file share their keys; read them once (a field missing later is still caught).
    keys ??= objectKeys(r, rowLabel(i));
    const label = keys.symbol === null ? undefined : r[keys.symbol];
    const symbol =
      typeof label === 'string' ? label : typeof r.base === 'string' && typeof r.counter === 'string' ? `${r.base}/${r.counter}` : null;
    const interval = keys.timeframe === null ? undefined : r[keys.timeframe];
    const timeframe = typeof interval === 'string' ? interval : timeframeOfLength(r.sizeInMillis);
    splitter.for(i, symbol, timeframe).add(i, r[keys.time], r[keys.open], r[keys.high], r[keys.low], r[keys.close], r[keys.volume]);
  }
  return splitter.build();
}

interface ObjectKeys {
  readonly time: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly symbol: string | null;
  readonly timeframe: string | null;
}

function objectKeys(first: Record<string, unknown>, where: string): ObjectKeys {
  const time = keyIn(first, TIME_KEYS);
  const pick = (name: keyof typeof OHLCV_KEYS) => keyIn(first, OHLCV_KEYS[name]);
  const found = { time, open: pick('open'), high: pick('high'), low: pick('low'), close: pick('close'), volume: pick('volume') };
  const missing = Object.entries(found).filter(([, v]) => v === null);
  if (missing.length > 0)
    throw fail(
      where,
      'columns',
      `no ${missing.map(([k]) => (k === 'time' ? 'open time' : k)).join(', ')} field (has ${Object.keys(first).join(', ')})`,
    );
  return {
    ...(found as Omit<ObjectKeys, 'symbol' | 'timeframe'>),
    symbol: keyIn(first, SYMBOL_KEYS),
    timeframe: keyIn(first, TIMEFRAME_KEYS),
  };
}

const LENGTHS: Record<number, Timeframe> = {
  60000: '1m',
  300000: '5m',
  900000: '15m',
  3600000: '1h',
  14400000: '4h',
  86400000: '1d',
};

/** bennycode-style rows state their bar length (`sizeInMillis`). */
function timeframeOfLength(size: unknown): string | null {
  return typeof size === 'number' || typeof size === 'string' ? (LENGTHS[Number(size)] ?? null) : null;
}

/** pandas `to_json(orient='columns')`: each field maps row index → value (arrays accepted too). */
function fromColumns(columns: Record<string, unknown>, prefix: string): CandleSeries {
  const timeKey = keyIn(columns, TIME_KEYS);
  const indexTimes = timeKey === null ? timesFromIndex(columns) : null;
  if (timeKey === null && indexTimes === null)
    throw fail(
      `${prefix}file`,
      'columns',
      `not candle data: an object with no time column and no array of rows (has ${Object.keys(columns).join(', ')})`,
    );
  const column = (name: keyof typeof OHLCV_KEYS): Record<string, unknown> => {
    const key = keyIn(columns, OHLCV_KEYS[name]);
    const value = key === null ? null : columns[key];
    if (value === null || typeof value !== 'object')
      throw fail(`${prefix}file`, 'columns', `column-oriented candle JSON has no ${name} column`);
    return value as Record<string, unknown>;
  };
  const times = indexTimes ?? (columns[timeKey as string] as Record<string, unknown>);
  const [open, high, low, close, volume] = [column('open'), column('high'), column('low'), column('close'), column('volume')];
  const indexKeys = Object.keys(times);
  const series = new SeriesBuilder(null, null, (i) => `${prefix}row ${i + 1} (key "${indexKeys[i]}")`);
  for (let i = 0; i < indexKeys.length; i++) {
    const k = indexKeys[i] as string;
    series.add(i, times[k], open[k], high[k], low[k], close[k], volume[k]);
  }
  return series.build();
}

/**
 * pandas frames indexed by time (`df.set_index('date').to_json()`) keep the times as the keys of
 * every column (`{"open":{"1704067200000":…}}`): those keys, when they are epoch numbers or dates
 * (a plain 0, 1, 2 row index is no time), mapped to themselves. Null otherwise.
 */
function timesFromIndex(columns: Record<string, unknown>): Record<string, unknown> | null {
  const openKey = keyIn(columns, OHLCV_KEYS.open);
  const open = openKey === null ? null : columns[openKey];
  if (open === null || typeof open !== 'object' || Array.isArray(open)) return null;
  const keys = Object.keys(open as object);
  if (keys.length === 0 || !/^(\d{9,}|\d{4}-\d{2}-\d{2})/.test(keys[0] as string)) return null;
  return Object.fromEntries(keys.map((k) => [k, k]));
}

/**
 * pandas `to_json(orient='split')` (`{"columns":[…],"index":[…],"data":[[…],…]}`) as candle
 * objects; the index gives the time when no column does (a frame indexed by time). Null for any
 * other object.
 */
function fromSplit(record: Record<string, unknown>): unknown[] | null {
  const { columns, index, data } = record;
  if (!Array.isArray(columns) || !Array.isArray(data) || !columns.every((c) => typeof c === 'string')) return null;
  const names = columns as string[];
  const timeFromIndex = findKey(names, TIME_KEYS) < 0 && Array.isArray(index);
  return data.map((row, i) => {
    if (!Array.isArray(row)) return row;
    const object: Record<string, unknown> = Object.fromEntries(names.map((name, j) => [name, row[j]]));
    if (timeFromIndex) object.time = (index as unknown[])[i];
    return object;
  });
}
