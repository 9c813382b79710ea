/** Market-data value types. Prices and volumes are plain numbers: indicators and strategies need speed;
 * anything that becomes an order or a balance is quantized through `money/` first. */

export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;
/** Nominal length of each timeframe. `1M` is a calendar month and is approximated (30 days) only for sizing windows. */
export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '6h': 360 * MINUTE,
  '8h': 480 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': 1440 * MINUTE,
  '3d': 3 * 1440 * MINUTE,
  '1w': 7 * 1440 * MINUTE,
  '1M': 30 * 1440 * MINUTE,
};

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

/** One closed (or, where stated, forming) OHLCV bar. `openTime` is the bar's start in ms since epoch (UTC). */
export interface Candle {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A bar is closed once the clock has passed its open time plus its length. */
export function isCandleClosed(candle: Candle, timeframe: Timeframe, now: number): boolean {
  return candle.openTime + TIMEFRAME_MS[timeframe] <= now;
}

/** Binance-style symbol ("BTCUSDT") from a unified symbol ("BTC/USDT"). */
export function exchangeSymbol(symbol: string): string {
  return symbol.replace('/', '');
}

const symbolParts = new Map<string, { readonly base: string; readonly quote: string }>();

/** BASE/QUOTE → its two assets (cached: every fill asks). */
export function splitSymbol(symbol: string): { readonly base: string; readonly quote: string } {
  let parts = symbolParts.get(symbol);
  if (!parts) {
    const [base, quote] = symbol.split('/');
    if (!base || !quote) throw new Error(`symbol must look like BASE/QUOTE, got "${symbol}"`);
    parts = Object.freeze({ base, quote });
    if (symbolParts.size < 64) symbolParts.set(symbol, parts); // bounded: symbols can come from API input
  }
  return parts;
}

/**
 * The exchange's trading rules for one symbol, as decimal strings so that no float ever decides
 * whether an order is valid. Mirrors Binance's PRICE_FILTER, LOT_SIZE and (MIN_)NOTIONAL filters
 * (filters.md in the Binance spot API docs), including which notional bounds bind MARKET orders.
 */
export interface SymbolFilters {
  readonly symbol: string; // unified, e.g. BTC/USDT
  readonly base: string;
  readonly quote: string;
  readonly tickSize: string;
  readonly minPrice: string;
  readonly maxPrice: string;
  readonly stepSize: string;
  readonly minQty: string;
  readonly maxQty: string;
  /** Smallest `price × quantity` (quote) an order may have; "0" when the exchange sets none. */
  readonly minNotional: string;
  /** Largest `price × quantity` (quote); null or "0" when the exchange sets none (legacy MIN_NOTIONAL has no maximum). */
  readonly maxNotional: string | null;
  /**
   * Whether minNotional also binds MARKET orders (Binance NOTIONAL's `applyMinToMarket`, legacy
   * MIN_NOTIONAL's `applyToMarket`); LIMIT orders are always bound. Absent means true: the stricter
   * reading, so a constructor that does not know the flag never lets through an order the exchange
   * refuses.
   */
  readonly applyMinToMarket?: boolean;
  /** Whether maxNotional also binds MARKET orders (NOTIONAL's `applyMaxToMarket`). Absent means true, for the same reason. */
  readonly applyMaxToMarket?: boolean;
}
