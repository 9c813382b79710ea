import type { SymbolFilters } from '@warden/core/domain/market';
import { splitSymbol } from '@warden/core/domain/market';

/**
 * Binance spot filters for the pairs in the recorded data (as published by exchangeInfo), so an
 * offline backtest rounds and rejects orders the way the exchange would. Other symbols fall back to
 * a tick derived from the data's price decimals; `--tick`, `--step` and `--min-notional` override.
 */
const KNOWN: Record<string, { tickSize: string; stepSize: string; minNotional: string }> = {
  'BTC/USDT': { tickSize: '0.01', stepSize: '0.00001', minNotional: '5' },
  'ETH/USDT': { tickSize: '0.01', stepSize: '0.0001', minNotional: '5' },
  'BNB/USDT': { tickSize: '0.01', stepSize: '0.001', minNotional: '5' },
  'SOL/USDT': { tickSize: '0.01', stepSize: '0.001', minNotional: '5' },
};

export function backtestFilters(
  symbol: string,
  overrides: { tickSize?: string; stepSize?: string; minNotional?: string },
  samplePrices: readonly number[],
): SymbolFilters {
  const { base, quote } = splitSymbol(symbol);
  const known = KNOWN[symbol];
  const decimals = Math.max(0, ...samplePrices.map((p) => (String(p).split('.')[1] ?? '').length));
  const tickSize = overrides.tickSize ?? known?.tickSize ?? (decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`);
  return {
    symbol,
    base,
    quote,
    tickSize,
    minPrice: tickSize,
    maxPrice: '10000000',
    stepSize: overrides.stepSize ?? known?.stepSize ?? '0.00001',
    minQty: overrides.stepSize ?? known?.stepSize ?? '0.00001',
    maxQty: '9000000',
    minNotional: overrides.minNotional ?? known?.minNotional ?? '5',
    maxNotional: null,
  };
}
