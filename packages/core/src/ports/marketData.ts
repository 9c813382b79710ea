import type { Candle, SymbolFilters, Timeframe } from '../domain/market.js';

/** What the trading cycle needs from the market. Adapters: Binance (through the candle cache) and backtest replay. */
export interface MarketData {
  /** The most recent `limit` closed candles, oldest first. Never includes a forming candle. */
  getClosedCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<readonly Candle[]>;
  /** Latest traded price. */
  getPrice(symbol: string): Promise<number>;
  getFilters(symbol: string): Promise<SymbolFilters>;
}

/** Raw access to an exchange's candle history; the candle cache pages through it. */
export interface CandleSource {
  /** Up to `limit` (≤ 1000) candles with openTime ≥ startTime (and ≤ endTime), oldest first; may include the forming one. */
  fetchCandles(symbol: string, timeframe: Timeframe, startTime: number, limit: number, endTime?: number): Promise<readonly Candle[]>;
  fetchPrice(symbol: string): Promise<number>;
  fetchFilters(symbol: string): Promise<SymbolFilters>;
  fetchServerTime(): Promise<number>;
}
