import type { SymbolFilters } from '../domain/market.js';

/** BTC/USDT's real Binance filters (tick 0.01, step 0.00001, min notional 5), overridable per test. */
export function buildSymbolFilters(overrides: Partial<SymbolFilters> = {}): SymbolFilters {
  return {
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01',
    minPrice: '0.01',
    maxPrice: '1000000',
    stepSize: '0.00001',
    minQty: '0.00001',
    maxQty: '9000',
    minNotional: '5',
    maxNotional: '9000000',
    ...overrides,
  };
}
