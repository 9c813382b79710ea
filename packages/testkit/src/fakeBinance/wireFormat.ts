import { closeTimeOf } from '@warden/core/data/timeframeMath';
import type { Candle, Timeframe } from '@warden/core/domain/market';

/** Binance sends prices and quantities as strings with 8 decimals. */
export const fixed8 = (n: number): string => n.toFixed(8);

/** A 12-field kline row exactly as `GET /api/v3/klines` sends it. */
export function klineRow(
  c: Candle,
  timeframe: Timeframe,
): [number, string, string, string, string, string, number, string, number, string, string, string] {
  const typical = (c.high + c.low + c.close) / 3;
  const trades = Math.max(1, Math.round(c.volume * 10));
  return [
    c.openTime,
    fixed8(c.open),
    fixed8(c.high),
    fixed8(c.low),
    fixed8(c.close),
    fixed8(c.volume),
    closeTimeOf(c.openTime, timeframe) - 1,
    fixed8(c.volume * typical),
    trades,
    fixed8(c.volume / 2),
    fixed8((c.volume * typical) / 2),
    '0',
  ];
}
