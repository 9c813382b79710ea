import { z } from 'zod';
import { type Candle, isTimeframe, type Timeframe } from '../domain/market.js';
import { ValidationError } from '../errors/errors.js';

/** One symbol/timeframe's candles from a file; labels are null when the file does not say. */
export interface CandleSeries {
  readonly symbol: string | null;
  readonly timeframe: Timeframe | null;
  readonly candles: readonly Candle[];
}

const numeric = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)]).transform(Number);
/** Epoch ms, epoch seconds (< 1e11, as OctoBot stores them) or an ISO date string. */
const timestamp = z.union([
  numeric.transform((n) => (n < 1e11 ? n * 1000 : n)),
  z.string().transform((s, ctx) => {
    const t = Date.parse(s);
    if (Number.isNaN(t)) ctx.addIssue({ code: 'custom', message: `not a date: ${s}` });
    return t;
  }),
]);

const TIME_KEYS = ['openTime', 'openTimeInMillis', 'open_time_ms', 'open_time', 'timestamp', 'time', 'date', 'openTimeInISO', 't'];
const FIELD_KEYS: Record<'open' | 'high' | 'low' | 'close' | 'volume', readonly string[]> = {
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'v'],
};

const arrayRow = z.tuple([timestamp, numeric, numeric, numeric, numeric, numeric]).rest(z.unknown());

/**
 * Parses candle files in every layout seen in recorded data: Binance kline arrays, `[ms,o,h,l,c,v]`
 * arrays, arrays of candle objects, pandas column-oriented JSON, and CSV with a header (optionally
 * with symbol/timeframe columns, which split the file into several series).
 */
export function parseCandleText(text: string): CandleSeries[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseJson(JSON.parse(trimmed) as unknown);
  return parseCsv(trimmed);
}

function parseJson(data: unknown): CandleSeries[] {
  if (Array.isArray(data)) {
    if (data.length === 0) return [{ symbol: null, timeframe: null, candles: [] }];
    if (Array.isArray(data[0])) return [{ symbol: null, timeframe: null, candles: data.map((row, i) => fromArrayRow(row, i)) }];
    return [{ symbol: null, timeframe: timeframeFromObjects(data), candles: data.map((row, i) => fromRecord(asRecord(row, i), i)) }];
  }
  if (data && typeof data === 'object') return [{ symbol: null, timeframe: null, candles: fromColumns(data as Record<string, unknown>) }];
  throw new ValidationError('candle JSON must be an array of rows or an object of columns', 'file');
}

function fromArrayRow(row: unknown, index: number): Candle {
  const parsed = arrayRow.safeParse(row);
  if (!parsed.success) throw new ValidationError(`row ${index}: expected [time, open, high, low, close, volume, …]`, 'file', { index });
  const [openTime, open, high, low, close, volume] = parsed.data;
  return { openTime, open, high, low, close, volume };
}

function asRecord(row: unknown, index: number): Record<string, unknown> {
  if (!row || typeof row !== 'object' || Array.isArray(row)) throw new ValidationError(`row ${index}: expected an object`, 'file', { index });
  return row as Record<string, unknown>;
}

function pick(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) if (record[k] !== undefined && record[k] !== '') return record[k];
  return undefined;
}

function fromRecord(record: Record<string, unknown>, index: number): Candle {
  const read = <T>(schema: z.ZodType<T>, keys: readonly string[], name: string): T => {
    const parsed = schema.safeParse(pick(record, keys));
    if (!parsed.success) throw new ValidationError(`row ${index}: missing or invalid ${name}`, 'file', { index, field: name });
    return parsed.data;
  };
  return {
    openTime: read(timestamp, TIME_KEYS, 'open time'),
    open: read(numeric, FIELD_KEYS.open, 'open'),
    high: read(numeric, FIELD_KEYS.high, 'high'),
    low: read(numeric, FIELD_KEYS.low, 'low'),
    close: read(numeric, FIELD_KEYS.close, 'close'),
    volume: read(numeric, FIELD_KEYS.volume, 'volume'),
  };
}

/** bennycode-style rows state their bar length (`sizeInMillis`). */
function timeframeFromObjects(rows: readonly unknown[]): Timeframe | null {
  const first = rows[0] as Record<string, unknown> | undefined;
  const size = Number(first?.sizeInMillis);
  const byLength: Record<number, Timeframe> = { 60_000: '1m', 300_000: '5m', 900_000: '15m', 3_600_000: '1h', 14_400_000: '4h', 86_400_000: '1d' };
  return byLength[size] ?? null;
}

/** pandas `to_json(orient='columns')`: each field maps row index → value (arrays accepted too). */
function fromColumns(columns: Record<string, unknown>): Candle[] {
  const timeKey = TIME_KEYS.find((k) => columns[k] !== undefined);
  if (!timeKey) throw new ValidationError('column-oriented candle JSON has no time column', 'file', { columns: Object.keys(columns) });
  const times = columns[timeKey] as Record<string, unknown>;
  return Object.keys(times).map((index, i) => {
    const record: Record<string, unknown> = { [timeKey]: times[index] };
    for (const keys of Object.values(FIELD_KEYS)) {
      for (const k of keys) {
        const column = columns[k] as Record<string, unknown> | undefined;
        if (column) record[k] = column[index];
      }
    }
    return fromRecord(record, i);
  });
}

function parseCsv(text: string): CandleSeries[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
  if (!TIME_KEYS.some((k) => header.includes(k))) throw new ValidationError(`CSV header has no open time column (${header.join(',')})`, 'file');
  const bySeries = new Map<string, { symbol: string | null; timeframe: Timeframe | null; candles: Candle[] }>();
  lines.forEach((line, i) => {
    const cells = line.split(',');
    const record: Record<string, unknown> = Object.fromEntries(header.map((h, j) => [h, cells[j]?.trim()]));
    const symbol = typeof record.symbol === 'string' ? record.symbol : null;
    const tf = typeof record.timeframe === 'string' ? record.timeframe : null;
    if (tf !== null && !isTimeframe(tf)) throw new ValidationError(`row ${i + 1}: unknown timeframe "${tf}"`, 'file', { index: i + 1 });
    const key = `${symbol}|${tf}`;
    let series = bySeries.get(key);
    if (!series) bySeries.set(key, (series = { symbol, timeframe: tf, candles: [] }));
    series.candles.push(fromRecord(record, i + 1));
  });
  return [...bySeries.values()];
}
