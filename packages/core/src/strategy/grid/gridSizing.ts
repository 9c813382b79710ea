import type { SymbolFilters } from '../../domain/market.js';
import { decStr } from '../../money/decimal.js';
import { clearlyAcceptable, filterViolations, floorQuantityNumber, minimumQuantity } from '../../money/filters.js';
import type { GridLayout } from './gridLayout.js';

/**
 * Grid capital is split evenly over the levels of both sides: each buy level spends one share, and
 * the inventory each sell level sells was bought for one share. That is why a bootstrap buys about
 * half the capital: the sell side's shares.
 */
export function quotePerLevel(capital: number, levelsPerSide: number): number {
  return capital / (2 * levelsPerSide);
}

/** Base quantity for one level's share of capital at `price`, truncated to the step size. */
export function levelQuantity(quote: number, price: number, filters: SymbolFilters): number {
  return floorQuantityNumber(quote / price, filters);
}

/**
 * Whether Binance would accept `quantity` at about `price` (step, min/max qty, min notional). Grid
 * orders go out at market, so the reference price need not sit on the tick.
 */
export function acceptable(quantity: number, price: number, filters: SymbolFilters): boolean {
  if (!(quantity > 0)) return false;
  // Clear-cut cases in floats (this runs on every candle of a backtest); the exact check decides the rest.
  const quick = clearlyAcceptable(quantity, price, filters);
  if (quick !== 'exact') return quick === 'yes';
  return filterViolations(decStr(quantity), decStr(price), filters).every((v) => v.startsWith('PRICE_'));
}

/** Problems that stop the grid from trading each of its levels with this capital; empty when it can start. */
export function gridCapitalProblems(layout: GridLayout, capital: number, levelsPerSide: number, filters: SymbolFilters): string[] {
  const perLevel = quotePerLevel(capital, levelsPerSide);
  const problems: string[] = [];
  for (const level of layout.levels) {
    const quantity = levelQuantity(perLevel, level.price, filters);
    if (acceptable(quantity, level.price, filters)) continue;
    const needed = minimumQuantity(decStr(level.price), filters).mul(decStr(level.price)).toNumber();
    problems.push(
      `grid capital ${fmt(capital)} ${filters.quote} gives ${fmt(perLevel)} ${filters.quote} per level, but level L${level.index} at ${level.price} needs at least ${fmt(needed)} ${filters.quote} ` +
        `(min notional ${filters.minNotional}, min qty ${filters.minQty}); raise capital to ${fmt(needed * 2 * levelsPerSide)} ${filters.quote} or use fewer levels`,
    );
  }
  return problems;
}

function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}
