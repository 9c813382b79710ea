import type { SymbolFilters } from '../domain/market.js';
import { type Dec, type DecimalLike, dec, decStr, floorToStep, roundToStep } from './decimal.js';

export type FilterViolation =
  | 'PRICE_BELOW_MIN'
  | 'PRICE_ABOVE_MAX'
  | 'PRICE_NOT_ON_TICK'
  | 'QTY_BELOW_MIN'
  | 'QTY_ABOVE_MAX'
  | 'QTY_NOT_ON_STEP'
  | 'NOTIONAL_BELOW_MIN'
  | 'NOTIONAL_ABOVE_MAX';

/** Quantity truncated to LOT_SIZE's stepSize, the way Binance (and ccxt's amountToPrecision) does. */
export function quantizeQuantity(quantity: DecimalLike, filters: SymbolFilters): Dec {
  const q = floorToStep(quantity, filters.stepSize);
  return q.isNegative() ? dec(0) : q;
}

/**
 * Price on PRICE_FILTER's tick. `down` for buy levels and `up` for sell levels keep a rounded limit
 * order on the conservative side of the intended price; `nearest` for display and market references.
 */
export function quantizePrice(price: DecimalLike, filters: SymbolFilters, mode: 'down' | 'up' | 'nearest' = 'nearest'): Dec {
  const tick = dec(filters.tickSize);
  if (tick.isZero()) return dec(price);
  const units = dec(price).div(tick);
  const rounded = mode === 'down' ? units.floor() : mode === 'up' ? units.ceil() : units.toDecimalPlaces(0, 4);
  return rounded.mul(tick);
}

/** Every rule the order breaks; empty means Binance would accept it. */
export function filterViolations(quantity: DecimalLike, price: DecimalLike, filters: SymbolFilters): FilterViolation[] {
  const q = dec(quantity);
  const p = dec(price);
  const out: FilterViolation[] = [];
  const tick = dec(filters.tickSize);
  const step = dec(filters.stepSize);
  if (!tick.isZero()) {
    if (p.lt(filters.minPrice) && !dec(filters.minPrice).isZero()) out.push('PRICE_BELOW_MIN');
    if (!dec(filters.maxPrice).isZero() && p.gt(filters.maxPrice)) out.push('PRICE_ABOVE_MAX');
    if (!p.mod(tick).isZero()) out.push('PRICE_NOT_ON_TICK');
  }
  if (q.lt(filters.minQty)) out.push('QTY_BELOW_MIN');
  if (!dec(filters.maxQty).isZero() && q.gt(filters.maxQty)) out.push('QTY_ABOVE_MAX');
  if (!step.isZero() && !q.minus(filters.minQty).mod(step).isZero()) out.push('QTY_NOT_ON_STEP');
  const notional = q.mul(p);
  if (notional.lt(filters.minNotional)) out.push('NOTIONAL_BELOW_MIN');
  if (filters.maxNotional !== null && !dec(filters.maxNotional).isZero() && notional.gt(filters.maxNotional)) out.push('NOTIONAL_ABOVE_MAX');
  return out;
}

/** Smallest quantity on the step grid whose notional at `price` reaches minNotional and minQty. */
export function minimumQuantity(price: DecimalLike, filters: SymbolFilters): Dec {
  const byNotional = dec(filters.minNotional).div(price);
  const step = dec(filters.stepSize);
  let q = step.isZero() ? byNotional : byNotional.div(step).ceil().mul(step);
  if (q.lt(filters.minQty)) q = dec(filters.minQty);
  return q;
}

export { decStr, roundToStep };
