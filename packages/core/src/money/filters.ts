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

const stepCache = new WeakMap<
  SymbolFilters,
  { readonly step: number; readonly decimals: number; readonly minQty: number; readonly minNotional: number }
>();

function numericFilters(filters: SymbolFilters) {
  let cached = stepCache.get(filters);
  if (!cached) {
    cached = {
      step: Number(filters.stepSize),
      decimals: dec(filters.stepSize).decimalPlaces(),
      minQty: Number(filters.minQty),
      minNotional: Number(filters.minNotional),
    };
    stepCache.set(filters, cached);
  }
  return cached;
}

/**
 * `quantizeQuantity` in plain numbers, for strategies sizing a signal on every candle: floors to the
 * step (with a 1e-9 step tolerance so 0.3 / 0.1 floors to 3 steps, not 2) and cuts float noise to
 * the step's decimals. Orders are still checked exactly by the risk engine.
 */
export function floorQuantityNumber(quantity: number, filters: SymbolFilters): number {
  const { step, decimals } = numericFilters(filters);
  if (!(quantity > 0)) return 0;
  if (step === 0) return quantity;
  return Number((Math.floor(quantity / step + 1e-9) * step).toFixed(decimals));
}

/** Float pre-check of a step-aligned quantity against min qty and min notional: 'yes', 'no', or 'exact' when too close to call. */
export function clearlyAcceptable(quantity: number, price: number, filters: SymbolFilters): 'yes' | 'no' | 'exact' {
  const { minQty, minNotional } = numericFilters(filters);
  const notional = quantity * price;
  if (notional < minNotional * 0.999 || quantity < minQty * 0.999) return 'no';
  if (notional > minNotional * 1.001 && quantity > minQty * 1.001 && filters.maxNotional === null && Number(filters.maxQty) > quantity)
    return 'yes';
  return 'exact';
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
  if (filters.maxNotional !== null && !dec(filters.maxNotional).isZero() && notional.gt(filters.maxNotional))
    out.push('NOTIONAL_ABOVE_MAX');
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
