/**
 * Quote assets and the minimum order value Binance sets for pairs quoted in them (the NOTIONAL /
 * MIN_NOTIONAL filter's `minNotional`, in units of the quote asset), as published by
 * `GET /api/v3/exchangeInfo` since 2022: 5 for USD stablecoins and EUR, 0.0001 BTC, 0.001 ETH and
 * 0.01 BNB. Binance has changed these over the years (0.001 BTC and 0.01 ETH in 2018); a backtest
 * states the value it assumed, and `--min-notional` overrides it.
 */
export const QUOTE_MIN_NOTIONAL: Readonly<Record<string, string>> = {
  USDT: '5',
  USDC: '5',
  FDUSD: '5',
  TUSD: '5',
  BUSD: '5',
  USDP: '5',
  DAI: '5',
  EUR: '5',
  BTC: '0.0001',
  ETH: '0.001',
  BNB: '0.01',
};

/**
 * Quote assets Binance lists pairs against, longest first, so `BTCUSDT` splits as BTC/USDT and
 * `ETHBTC` as ETH/BTC. Only used to read exchange symbols (file names, `--symbol BTCUSDT`).
 */
const QUOTES = [
  'FDUSD',
  'USDT',
  'USDC',
  'TUSD',
  'BUSD',
  'USDP',
  'DAI',
  'BTC',
  'ETH',
  'BNB',
  'EUR',
  'TRY',
  'BRL',
  'JPY',
  'GBP',
  'AUD',
  'ARS',
  'MXN',
  'PLN',
  'RON',
  'UAH',
  'ZAR',
  'IDR',
  'COP',
  'CZK',
  'XRP',
  'TRX',
  'DOGE',
  'SOL',
] as const;

/**
 * `BASE/QUOTE` from an exchange symbol (`BTCUSDT` → `BTC/USDT`, `1000SATSFDUSD` → `1000SATS/FDUSD`);
 * a unified symbol is returned as it is (upper-cased). Null when no known quote asset ends it.
 */
export function unifiedSymbol(symbol: string): string | null {
  const s = symbol.trim().toUpperCase();
  if (/^[A-Z0-9]+\/[A-Z0-9]+$/.test(s)) return s;
  if (!/^[A-Z0-9]+$/.test(s)) return null;
  for (const quote of QUOTES) if (s.endsWith(quote) && s.length > quote.length) return `${s.slice(0, -quote.length)}/${quote}`;
  return null;
}
