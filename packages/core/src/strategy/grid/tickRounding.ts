import type { SymbolFilters } from '../../domain/market.js';

export type TickRounding = 'down' | 'up' | 'nearest';

/**
 * Rounds a price onto the tick in plain numbers. A grid redraws all its levels every cycle, and
 * exact decimals for each would dominate a year-long 1m backtest; rounding to the tick's count of
 * decimals yields the same shortest decimal the exchange expects (checked against exact decimal
 * arithmetic in the tests). The epsilon keeps a price already on the tick where it is.
 */
export function roundToTick(price: number, tickSize: string, mode: TickRounding): number {
  const tick = Number(tickSize);
  if (!(tick > 0)) return price;
  const units = price / tick;
  const n = mode === 'down' ? Math.floor(units + 1e-9) : mode === 'up' ? Math.ceil(units - 1e-9) : Math.round(units);
  return Number((n * tick).toFixed(decimalsOf(tickSize)));
}

const decimalsCache = new Map<string, number>();

function decimalsOf(tickSize: string): number {
  let d = decimalsCache.get(tickSize);
  if (d === undefined) {
    const fraction = tickSize.includes('.') ? tickSize.split('.')[1]!.replace(/0+$/, '') : '';
    d = fraction.length;
    decimalsCache.set(tickSize, d);
  }
  return d;
}

export function minimumLevelPrice(filters: SymbolFilters): number {
  return Math.max(Number(filters.minPrice), Number(filters.tickSize));
}
