import type { SymbolFilters } from '../domain/market.js';
import type { Side } from '../domain/orders.js';
import { Dec, type DecimalLike, dec } from '../money/decimal.js';
import { quantizePrice } from '../money/filters.js';

/** Fees: Binance charges commissions to 8 decimal places (a step of 10^-8); rounding up keeps the venue whole. */
const FEE_PLACES = 8;

/** Fee rates as fractions (0.001 = 0.1 %), converted once from the config's percentages. */
export interface FeeSchedule {
  readonly maker: Dec;
  readonly taker: Dec;
}

export function feeScheduleFromPct(makerPct: number, takerPct: number): FeeSchedule {
  return { maker: dec(makerPct).div(100), taker: dec(takerPct).div(100) };
}

/**
 * Where a paper market order fills: the latest price moved against the trader by the slippage,
 * then put on the tick grid — up for buys, down for sells — so slippage never rounds in our favour.
 */
export function marketFillPrice(side: Side, price: DecimalLike, slippageBps: number, filters: SymbolFilters): Dec {
  const factors = slippageFactors(slippageBps);
  const raw = dec(price).mul(side === 'BUY' ? factors.buy : factors.sell);
  const onTick = quantizePrice(raw, filters, side === 'BUY' ? 'up' : 'down');
  // A sell at a tiny price could round to zero; the smallest tick is the floor of a real trade.
  // (`gt(0)`, not `isPositive()`: decimal.js counts zero as positive.)
  return onTick.gt(0) ? onTick : dec(filters.tickSize).isZero() ? raw : dec(filters.tickSize);
}

const slippageCache = new Map<number, { readonly buy: Dec; readonly sell: Dec }>();

/** 1 ± slippage as exact decimals, built once per setting (every market order needs one). */
function slippageFactors(slippageBps: number): { readonly buy: Dec; readonly sell: Dec } {
  let factors = slippageCache.get(slippageBps);
  if (!factors) {
    const move = dec(slippageBps).div(10_000);
    factors = { buy: dec(1).plus(move), sell: dec(1).minus(move) };
    slippageCache.set(slippageBps, factors);
  }
  return factors;
}

/** Commission on `amount` of the received asset, rounded up to the fee step. */
export function feeOn(amount: DecimalLike, rate: Dec): Dec {
  return dec(amount).mul(rate).toDecimalPlaces(FEE_PLACES, Dec.ROUND_CEIL);
}
