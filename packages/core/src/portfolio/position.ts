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
  const held = exactOf(current);

  if (fill.side === 'BUY') {
    const received = dec(fill.quantity).minus(feeIn(fill, base));
    const cost = dec(fill.quoteQuantity).plus(feeIn(fill, quote));
    const quantity = held.quantity.plus(received);
    const avgEntry = quantity.isPositive()
      ? held.quantity.mul(held.avgEntryPrice).plus(cost).div(quantity).toDecimalPlaces(ENTRY_DECIMALS)
      : ZERO;
    const next = { symbol: current.symbol, quantity, avgEntryPrice: avgEntry, realizedPnl: held.realizedPnl };
    return { position: positionOf(next, { realizedPnl: current.realizedPnl }, fill.time), realizedPnl: '0' };
  }

  const removed = dec(fill.quantity).plus(feeIn(fill, base));
  const proceeds = dec(fill.quoteQuantity).minus(feeIn(fill, quote));
  // Spot is long-only, but base can exist without a recorded buy (deposited inventory): the part of a
  // sell beyond the tracked position has no known entry and realizes nothing.
  const covered = decMin(removed, held.quantity);
  const coveredProceeds = removed.isZero() ? ZERO : covered.eq(removed) ? proceeds : proceeds.mul(covered).div(removed);
  const realized = coveredProceeds.minus(covered.mul(held.avgEntryPrice));
  const quantity = held.quantity.minus(covered);
  const next = {
    symbol: current.symbol,
    quantity,
    avgEntryPrice: quantity.isZero() ? ZERO : held.avgEntryPrice,
    realizedPnl: held.realizedPnl.plus(realized),
  };
  const avgText = quantity.isZero() ? undefined : current.avgEntryPrice;
  return { position: positionOf(next, { avgEntryPrice: avgText }, fill.time), realizedPnl: decStr(realized) };
}

/** The fill's fee when it was charged in `asset`, else zero. */
function feeIn(fill: Fill, asset: string): Dec {
  return fill.feeAsset === asset ? dec(fill.fee) : ZERO;
}

interface ExactPosition {
  readonly symbol: string;
  readonly quantity: Dec;
  readonly avgEntryPrice: Dec;
  readonly realizedPnl: Dec;
}

// Positions made here remember their decimals, so the next fill does not parse them back from text
// (a backtest applies tens of thousands of fills, each to the position the previous one made).
const exactPositions = new WeakMap<Position, ExactPosition>();

function exactOf(position: Position): ExactPosition {
  return (
    exactPositions.get(position) ?? {
      symbol: position.symbol,
      quantity: dec(position.quantity),
      avgEntryPrice: dec(position.avgEntryPrice),
      realizedPnl: dec(position.realizedPnl),
    }
  );
}

/** The stored form of `exact`; `unchanged` carries the previous text of a field the fill did not change. */
function positionOf(
  exact: ExactPosition,
  unchanged: { readonly avgEntryPrice?: string | undefined; readonly realizedPnl?: string | undefined },
  time: number,
): Position {
  const position: Position = {
    symbol: exact.symbol,
    quantity: decStr(exact.quantity),
    avgEntryPrice: unchanged.avgEntryPrice ?? decStr(exact.avgEntryPrice),
    realizedPnl: unchanged.realizedPnl ?? decStr(exact.realizedPnl),
    updatedAt: time,
  };
  exactPositions.set(position, exact);
  return position;
}

/** Mark-to-market PnL of the open quantity (plain number: computed every cycle). */
export function unrealizedPnl(position: Position | null, price: number): number {
  if (!position) return 0;
  const quantity = Number(position.quantity);
  return quantity === 0 ? 0 : quantity * (price - Number(position.avgEntryPrice));
}
