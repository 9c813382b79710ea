import { splitSymbol } from '../domain/market.js';
import type { Fill, Position } from '../domain/orders.js';
import { type Dec, dec, decMin, decStr } from '../money/decimal.js';

export interface FillResult {
  readonly position: Position;
  /** PnL this fill realized, in quote (0 for buys). */
  readonly realizedPnl: string;
}

const ZERO = dec(0);

/** Average entry keeps 12 decimals: far below any tick, and readable in the UI. */
const ENTRY_DECIMALS = 12;

export function emptyPosition(symbol: string, time = 0): Position {
  return { symbol, quantity: '0', avgEntryPrice: '0', realizedPnl: '0', updatedAt: time };
}

/**
 * Fees are costs of the trade they belong to. A buy's fee raises the average entry (fee in base:
 * fewer units for the same quote; fee in quote: more quote for the same units); a sell's fee lowers
 * its proceeds. So realized PnL is net of both the entry and the exit fee. A fee in a third asset
 * (e.g. BNB) has no price here and is left out of PnL; it is still counted in fees paid.
 */
export function applyFill(position: Position | null, fill: Fill): FillResult {
  const { base, quote } = splitSymbol(fill.symbol);
  const current = position ?? emptyPosition(fill.symbol);
  const heldQty = dec(current.quantity);
  const avg = dec(current.avgEntryPrice);
  const feeIn = (asset: string): Dec => (fill.feeAsset === asset ? dec(fill.fee) : ZERO);

  if (fill.side === 'BUY') {
    const received = dec(fill.quantity).minus(feeIn(base));
    const cost = dec(fill.quoteQuantity).plus(feeIn(quote));
    const quantity = heldQty.plus(received);
    const avgEntry = quantity.isPositive() ? heldQty.mul(avg).plus(cost).div(quantity).toDecimalPlaces(ENTRY_DECIMALS) : dec(0);
    return {
      position: { ...current, quantity: decStr(quantity), avgEntryPrice: decStr(avgEntry), updatedAt: fill.time },
      realizedPnl: '0',
    };
  }

  const removed = dec(fill.quantity).plus(feeIn(base));
  const proceeds = dec(fill.quoteQuantity).minus(feeIn(quote));
  // Spot is long-only, but base can exist without a recorded buy (deposited inventory): the part of a
  // sell beyond the tracked position has no known entry and realizes nothing.
  const covered = decMin(removed, heldQty);
  const coveredProceeds = removed.isZero() ? ZERO : covered.eq(removed) ? proceeds : proceeds.mul(covered).div(removed);
  const realized = coveredProceeds.minus(covered.mul(avg));
  const quantity = heldQty.minus(covered);
  return {
    position: {
      ...current,
      quantity: decStr(quantity),
      avgEntryPrice: quantity.isZero() ? '0' : current.avgEntryPrice,
      realizedPnl: decStr(dec(current.realizedPnl).plus(realized)),
      updatedAt: fill.time,
    },
    realizedPnl: decStr(realized),
  };
}

/** Mark-to-market PnL of the open quantity (plain number: computed every cycle). */
export function unrealizedPnl(position: Position | null, price: number): number {
  if (!position) return 0;
  const quantity = Number(position.quantity);
  return quantity === 0 ? 0 : quantity * (price - Number(position.avgEntryPrice));
}
