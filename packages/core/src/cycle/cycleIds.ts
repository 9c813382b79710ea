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
 * Binance allows 36 characters from [.A-Za-z0-9:/_-]. `wd` + the pair's tag (below) + timeframe +
 * base-36 open time + `n` + the order's index in its cycle.
 */
export function clientOrderIdFor(symbol: string, timeframe: Timeframe, candleOpenTime: number, index: number): string {
  const id = `wd${pairTag(symbol)}${timeframe}${candleOpenTime.toString(36)}n${index}`;
  return id.slice(0, 36);
}

/**
 * The pair's part of a client order id, at most 12 characters: the exchange symbol when it is that
 * short (the ids of every such pair are unchanged), else its first 7 characters and 5 base-36 digits
 * of a hash of the whole symbol. Cutting long symbols to their first 12 characters gave two pairs
 * sharing them (`LONGTOKENAAAX/USDT`, `LONGTOKENAAAY/USDT`) the same ids for the same candle, and the
 * unique index then took the second pair's order for "already done": it silently never traded.
 */
export function pairTag(symbol: string): string {
  const name = exchangeSymbol(symbol);
  if (name.length <= 12) return name;
  // FNV-1a, 32 bits: deterministic across runs and processes (the ids must be the same after a restart).
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return `${name.slice(0, 7)}${(hash % 36 ** 5).toString(36).padStart(5, '0')}`;
}
