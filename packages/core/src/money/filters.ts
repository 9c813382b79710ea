import type { SymbolFilters } from '../domain/market.js';
import type { OrderType } from '../domain/orders.js';
import { type Dec, type DecimalLike, dec, decStr, powerOfTenPlaces, quantize, roundToStep } from './decimal.js';

export type FilterViolation =
  | 'PRICE_BELOW_MIN'
  | 'PRICE_ABOVE_MAX'
  | 'PRICE_NOT_ON_TICK'
  | 'QTY_BELOW_MIN'
  | 'QTY_ABOVE_MAX'
  | 'QTY_NOT_ON_STEP'
  | 'NOTIONAL_BELOW_MIN'
  | 'NOTIONAL_ABOVE_MAX';

export interface DecimalFilters {
  readonly tick: Dec;
  /** Decimal places of the tick when it is a power of ten (see `powerOfTenPlaces`). */
  readonly tickPlaces: number | null;
  readonly step: Dec;
  readonly stepPlaces: number | null;
  /** minQty is on the step grid, so "on step from minQty" is "on step". */
  readonly minQtyOnStep: boolean;
  readonly minPrice: Dec;
  readonly maxPrice: Dec;
  readonly minQty: Dec;
  readonly maxQty: Dec;
  /** The notional bounds of a LIMIT order; zero minimum and null maximum when the exchange sets none. */
  readonly minNotional: Dec;
  readonly maxNotional: Dec | null;
  /** The notional bounds of a MARKET order: the LIMIT ones where the exchange applies them to MARKET orders, none otherwise. */
  readonly marketMinNotional: Dec;
  readonly marketMaxNotional: Dec | null;
}

/** The NOTIONAL bounds (quote) that bind an order of this type. */
export interface NotionalBounds {
  readonly min: Dec;
  /** null: no maximum. */
  readonly max: Dec | null;
}

const ZERO = dec(0);
const decimalCache = new WeakMap<SymbolFilters, DecimalFilters>();

/** The filters parsed once per filters object (decimals are immutable, so sharing them is safe). */
export function decimalFilters(filters: SymbolFilters): DecimalFilters {
  let cached = decimalCache.get(filters);
  if (!cached) {
    const tick = dec(filters.tickSize);
    const step = dec(filters.stepSize);
    const minNotional = dec(filters.minNotional);
    // "0" disables the maximum, as an absent one does.
    const maxNotional = filters.maxNotional === null || dec(filters.maxNotional).isZero() ? null : dec(filters.maxNotional);
    cached = {
      tick,
      tickPlaces: tick.isZero() ? null : powerOfTenPlaces(tick),
      step,
      stepPlaces: step.isZero() ? null : powerOfTenPlaces(step),
      minQtyOnStep: step.isZero() || dec(filters.minQty).mod(step).isZero(),
      minPrice: dec(filters.minPrice),
      maxPrice: dec(filters.maxPrice),
      minQty: dec(filters.minQty),
      maxQty: dec(filters.maxQty),
      minNotional,
      maxNotional,
      marketMinNotional: filters.applyMinToMarket === false ? ZERO : minNotional,
      marketMaxNotional: filters.applyMaxToMarket === false ? null : maxNotional,
    };
    decimalCache.set(filters, cached);
  }
  return cached;
}

/**
 * NOTIONAL / MIN_NOTIONAL as the exchange applies them (Binance filters.md): a LIMIT order is held
 * to both bounds; a MARKET order only to those whose applyMinToMarket / applyMaxToMarket
 * (MIN_NOTIONAL: applyToMarket) flag is set. For a MARKET order the exchange values the notional at
 * the recent average price; callers pass their best estimate of it (the latest price).
 */
export function notionalBounds(filters: SymbolFilters, type: OrderType = 'LIMIT'): NotionalBounds {
  const f = decimalFilters(filters);
  return type === 'MARKET' ? { min: f.marketMinNotional, max: f.marketMaxNotional } : { min: f.minNotional, max: f.maxNotional };
}

/** Quantity truncated to LOT_SIZE's stepSize, the way Binance (and ccxt's amountToPrecision) does. */
export function quantizeQuantity(quantity: DecimalLike, filters: SymbolFilters): Dec {
  const f = decimalFilters(filters);
  const q = f.step.isZero() ? dec(quantity) : quantize(quantity, f.step, f.stepPlaces, 'floor');
  return q.isNegative() ? ZERO : q;
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
  const f = decimalFilters(filters);
  if (f.tick.isZero()) return dec(price);
  return quantize(price, f.tick, f.tickPlaces, mode === 'down' ? 'floor' : mode === 'up' ? 'ceil' : 'nearest');
}

/**
 * Every rule the order breaks; empty means Binance would accept it. `price` is the limit price, or
 * for a MARKET order the price its notional is valued at; `type` decides which notional bounds bind
 * (see `notionalBounds`; LIMIT, the stricter, when omitted).
 */
export function filterViolations(
  quantity: DecimalLike,
  price: DecimalLike,
  filters: SymbolFilters,
  type: OrderType = 'LIMIT',
): FilterViolation[] {
  const q = dec(quantity);
  const p = dec(price);
  const f = decimalFilters(filters);
  const out: FilterViolation[] = [];
  if (!f.tick.isZero()) {
    if (p.lt(f.minPrice) && !f.minPrice.isZero()) out.push('PRICE_BELOW_MIN');
    if (!f.maxPrice.isZero() && p.gt(f.maxPrice)) out.push('PRICE_ABOVE_MAX');
    if (f.tickPlaces !== null ? p.decimalPlaces() > f.tickPlaces : !p.mod(f.tick).isZero()) out.push('PRICE_NOT_ON_TICK');
  }
  if (q.lt(f.minQty)) out.push('QTY_BELOW_MIN');
  if (!f.maxQty.isZero() && q.gt(f.maxQty)) out.push('QTY_ABOVE_MAX');
  if (!f.step.isZero() && !onStep(q, f)) out.push('QTY_NOT_ON_STEP');
  const notional = q.mul(p);
  const bounds = notionalBounds(filters, type);
  if (notional.lt(bounds.min)) out.push('NOTIONAL_BELOW_MIN');
  if (bounds.max !== null && notional.gt(bounds.max)) out.push('NOTIONAL_ABOVE_MAX');
  return out;
}

/** LOT_SIZE: (quantity − minQty) is a multiple of stepSize. */
function onStep(q: Dec, f: DecimalFilters): boolean {
  if (f.stepPlaces !== null && f.minQtyOnStep) return q.decimalPlaces() <= f.stepPlaces;
  return q.minus(f.minQty).mod(f.step).isZero();
}

/** A positive quantity that meets LOT_SIZE's minQty and the minimum notional that binds a `type` order at `price`. */
export function meetsMinimums(quantity: Dec, price: Dec, filters: SymbolFilters, type: OrderType = 'LIMIT'): boolean {
  const f = decimalFilters(filters);
  return quantity.gt(0) && quantity.gte(f.minQty) && quantity.mul(price).gte(notionalBounds(filters, type).min);
}

/** Smallest quantity on the step grid whose notional at `price` reaches the `type` order's minimum notional, and minQty. */
export function minimumQuantity(price: DecimalLike, filters: SymbolFilters, type: OrderType = 'LIMIT'): Dec {
  const f = decimalFilters(filters);
  const byNotional = notionalBounds(filters, type).min.div(price);
  let q = f.step.isZero() ? byNotional : quantize(byNotional, f.step, f.stepPlaces, 'ceil');
  if (q.lt(f.minQty)) q = f.minQty;
  return q;
}

export { decStr, roundToStep };
