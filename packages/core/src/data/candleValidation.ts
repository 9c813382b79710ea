import type { Candle, Timeframe } from '../domain/market.js';
import { MarketDataError } from '../errors/errors.js';
import { isAligned } from './timeframeMath.js';

/**
 * Rejects a candle series that cannot be trusted: unaligned or repeated open times, series out of
 * order, prices that are not positive finite numbers, or a high/low that does not bracket open and
 * close. Throwing here is what keeps a bad response from ever becoming a stored candle.
 */
export function assertValidCandles(candles: readonly Candle[], timeframe: Timeframe, context: Record<string, unknown> = {}): void {
  let previous: number | null = null;
  for (const c of candles) {
    const where = { ...context, timeframe, openTime: c.openTime };
    if (!Number.isSafeInteger(c.openTime) || c.openTime < 0) throw new MarketDataError('candle open time is not a valid timestamp', where);
    if (!isAligned(c.openTime, timeframe)) throw new MarketDataError(`candle open time is not on a ${timeframe} boundary`, where);
    if (previous !== null && c.openTime <= previous) {
      throw new MarketDataError(c.openTime === previous ? 'duplicate candle open time' : 'candles out of order', { ...where, previous });
    }
    for (const [field, value] of [['open', c.open], ['high', c.high], ['low', c.low], ['close', c.close]] as const) {
      if (!Number.isFinite(value) || value <= 0) throw new MarketDataError(`candle ${field} is not a positive number`, { ...where, [field]: value });
    }
    if (!Number.isFinite(c.volume) || c.volume < 0) throw new MarketDataError('candle volume is not a non-negative number', { ...where, volume: c.volume });
    if (c.high < Math.max(c.open, c.close, c.low) || c.low > Math.min(c.open, c.close)) {
      throw new MarketDataError('candle high/low do not bracket open and close', { ...where, open: c.open, high: c.high, low: c.low, close: c.close });
    }
    previous = c.openTime;
  }
}
