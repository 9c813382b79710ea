/**
 * Column and field names candle files use for the open time, most specific first (`close_time`
 * is never one of them). Matched by `keyName`, so `Open time`, `open-time` and `OPEN_TIME` are
 * `openTime` too (pandas frames of python-binance klines name it `Open time`).
 */
export const TIME_KEYS = [
  'openTime',
  'openTimeInMillis',
  'open_time_ms',
  'open_time',
  'timestamp',
  'time',
  'date',
  'datetime',
  'openTimeInISO',
  't',
] as const;

/** Names of the price and volume fields in the layouts seen in recorded data (long and short). */
export const OHLCV_KEYS = {
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'v'],
} as const;

/** Symbol and timeframe labels of multi-series files. */
export const SYMBOL_KEYS = ['symbol', 'pair'] as const;
export const TIMEFRAME_KEYS = ['timeframe', 'interval'] as const;

/**
 * A column or field name as names are compared: lower case, without spaces, `_` or `-`
 * (`Open time`, `open_time`, `openTime` → `opentime`). Called once per column, never per row.
 */
export function keyName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * Index of the first of `keys` (in their order of preference) among `names`, compared by
 * `keyName`; -1 when none is there.
 */
export function findKey(names: readonly string[], keys: readonly string[]): number {
  const normalised = names.map(keyName);
  for (const k of keys) {
    const i = normalised.indexOf(keyName(k));
    if (i >= 0) return i;
  }
  return -1;
}
