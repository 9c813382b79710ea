/** One pair's published Binance spot filters (decimal strings, as `exchangeInfo` gives them). */
export interface KnownSpotFilters {
  readonly tickSize: string;
  readonly stepSize: string;
  readonly maxQty: string;
  readonly minNotional: string;
}

/**
 * Binance spot filters (PRICE_FILTER tickSize, LOT_SIZE stepSize/maxQty, NOTIONAL minNotional) of
 * the pairs in the recorded data, as `GET /api/v3/exchangeInfo` listed them in 2024–2025, so an
 * offline backtest rounds and rejects orders as the exchange would. Any other pair gets filters
 * derived from its data (`assumeMarket`).
 */
export const KNOWN_SPOT_FILTERS: Readonly<Record<string, KnownSpotFilters>> = {
  'BTC/USDT': { tickSize: '0.01', stepSize: '0.00001', maxQty: '9000', minNotional: '5' },
  'ETH/USDT': { tickSize: '0.01', stepSize: '0.0001', maxQty: '9000', minNotional: '5' },
  'BNB/USDT': { tickSize: '0.01', stepSize: '0.001', maxQty: '900000', minNotional: '5' },
  'SOL/USDT': { tickSize: '0.01', stepSize: '0.001', maxQty: '90000', minNotional: '5' },
  'LTC/BTC': { tickSize: '0.000001', stepSize: '0.001', maxQty: '100000', minNotional: '0.0001' },
};
