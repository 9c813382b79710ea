import type { SymbolFilters } from '../domain/market.js';
import type { Side } from '../domain/orders.js';
import { ceilToStep, type Dec, type DecimalLike, dec } from '../money/decimal.js';
import { quantizePrice } from '../money/filters.js';

/** Fees: Binance charges commissions to 8 decimal places; rounding up keeps the venue whole. */
export const FEE_STEP = '0.00000001';

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
  const move = dec(slippageBps).div(10_000);
  const raw = side === 'BUY' ? dec(price).mul(dec(1).plus(move)) : dec(price).mul(dec(1).minus(move));
  const onTick = quantizePrice(raw, filters, side === 'BUY' ? 'up' : 'down');
  // A sell at a tiny price could round to zero; the smallest tick is the floor of a real trade.
  return onTick.isPositive() ? onTick : dec(filters.tickSize).isZero() ? raw : dec(filters.tickSize);
}

/** Commission on `amount` of the received asset, rounded up to the fee step. */
export function feeOn(amount: DecimalLike, rate: Dec): Dec {
  return ceilToStep(dec(amount).mul(rate), FEE_STEP);
}
