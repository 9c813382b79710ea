import { exchangeSymbol, type Timeframe } from '../domain/market.js';

/**
 * A deciding cycle is named after the primary candle it decides on, so the same candles give the
 * same ids in backtest, paper and live, and a cycle re-run after a crash for the same candle
 * produces the same client order ids — which the unique index turns into "already done".
 */
export function decisionCycleId(symbol: string, timeframe: Timeframe, candleOpenTime: number): string {
  return `${cycleIdPrefix(symbol, timeframe)}${candleOpenTime}`;
}

/** The constant part of a deciding cycle's id, computed once per cycle instance (hot path in backtests). */
export function cycleIdPrefix(symbol: string, timeframe: Timeframe): string {
  return `${exchangeSymbol(symbol)}-${timeframe}-`;
}

/** Cycles that only mark to market and collect fills. */
export function syncCycleId(now: number): string {
  return `sync-${now}`;
}

/**
 * Binance allows 36 characters from [.A-Za-z0-9:/_-]. `wd` + base-36 open time + timeframe +
 * the symbol's first letters + the order's index in its cycle.
 */
export function clientOrderIdFor(symbol: string, timeframe: Timeframe, candleOpenTime: number, index: number): string {
  const id = `wd${exchangeSymbol(symbol).slice(0, 12)}${timeframe}${candleOpenTime.toString(36)}n${index}`;
  return id.slice(0, 36);
}
