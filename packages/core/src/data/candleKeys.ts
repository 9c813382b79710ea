/**
 * Column and field names candle files use for the open time, most specific first (`close_time`
 * is never one of them). Matched case-insensitively in CSV headers, exactly in JSON objects.
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
