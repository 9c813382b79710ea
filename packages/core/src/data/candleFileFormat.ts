import type { Candle, Timeframe } from '../domain/market.js';

export type CandleFileFormat = 'json' | 'csv';

/** CSV in the OctoBot layout (`symbol,timeframe,open_time_ms,…`), which `parseCandleText` reads back. */
export function formatCandlesCsv(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): string {
  const rows = candles.map((c) => [symbol, timeframe, c.openTime, c.open, c.high, c.low, c.close, c.volume].join(','));
  return `${['symbol,timeframe,open_time_ms,open,high,low,close,volume', ...rows].join('\n')}\n`;
}

/** JSON array of candle objects with an ISO copy of the open time for people reading the file. */
export function formatCandlesJson(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): string {
  const rows = candles.map((c) => ({
    symbol,
    timeframe,
    openTime: c.openTime,
    openTimeInISO: new Date(c.openTime).toISOString(),
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
  }));
  return `${JSON.stringify(rows, null, 1)}\n`;
}

export function formatCandles(format: CandleFileFormat, symbol: string, timeframe: Timeframe, candles: readonly Candle[]): string {
  return format === 'csv' ? formatCandlesCsv(symbol, timeframe, candles) : formatCandlesJson(symbol, timeframe, candles);
}
