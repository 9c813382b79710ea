import { type Candle, TIMEFRAME_MS, type Timeframe } from '../domain/market.js';
import { ValidationError } from '../errors/errors.js';
import { closeTimeOf, floorToTimeframe } from './timeframeMath.js';

export interface AggregateOptions {
  /** Keep buckets that are missing sub-bars (a forming bar, or a bucket with an exchange gap). Default false. */
  readonly keepIncomplete?: boolean;
}

/** True when bars of `source` tile bars of `target` exactly (1m → 5m → 4h; not 3m → 5m). */
export function canAggregate(source: Timeframe, target: Timeframe): boolean {
  if (source === target) return true;
  if (source === '1M') return false;
  if (target === '1M') return TIMEFRAME_MS[source] <= TIMEFRAME_MS['1d'] && TIMEFRAME_MS['1d'] % TIMEFRAME_MS[source] === 0;
  if (target === '1w' || target === '3d')
    return TIMEFRAME_MS[source] <= TIMEFRAME_MS['1d'] && TIMEFRAME_MS['1d'] % TIMEFRAME_MS[source] === 0;
  return TIMEFRAME_MS[target] % TIMEFRAME_MS[source] === 0 && TIMEFRAME_MS[source] < TIMEFRAME_MS[target];
}

/**
 * Builds `target` bars from consecutive `source` bars (oldest first), bucketed on the target's UTC
 * boundaries the way the exchange does: open of the first, max high, min low, close of the last,
 * summed volume. A bucket missing any sub-bar is dropped unless `keepIncomplete`, so a backtest
 * never sees a 4h bar that the exchange would have drawn differently.
 */
export function aggregateCandles(
  candles: readonly Candle[],
  source: Timeframe,
  target: Timeframe,
  options: AggregateOptions = {},
): Candle[] {
  if (!canAggregate(source, target))
    throw new ValidationError(`cannot aggregate ${source} candles into ${target}`, 'timeframe', { source, target });
  if (source === target) return [...candles];
  const out: Candle[] = [];
  let bucket: Candle[] = [];
  let bucketOpen = Number.NaN;
  const flush = (): void => {
    if (bucket.length === 0) return;
    const expected = (closeTimeOf(bucketOpen, target) - bucketOpen) / TIMEFRAME_MS[source];
    if (bucket.length === expected || options.keepIncomplete) out.push(merge(bucketOpen, bucket));
    bucket = [];
  };
  for (const candle of candles) {
    const open = floorToTimeframe(candle.openTime, target);
    if (open !== bucketOpen) {
      flush();
      bucketOpen = open;
    }
    bucket.push(candle);
  }
  flush();
  return out;
}

function merge(openTime: number, bars: readonly Candle[]): Candle {
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  for (const b of bars) {
    if (b.high > high) high = b.high;
    if (b.low < low) low = b.low;
    volume += b.volume;
  }
  // bars is non-empty: flush() only merges a bucket it has pushed into.
  const first = bars[0] as Candle;
  const last = bars[bars.length - 1] as Candle;
  return { openTime, open: first.open, high, low, close: last.close, volume };
}
