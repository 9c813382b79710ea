import { splitSymbol } from '../domain/market.js';
import type { Fill, Position } from '../domain/orders.js';
import { type Dec, dec, decMin, decStr } from '../money/decimal.js';

export interface FillResult {
  readonly position: Position;
  /** PnL this fill realized, in quote: on the units it closed (0 when it only added to the position). */
  readonly realizedPnl: string;
  /** Base units this fill closed against the opposite side ("0" when it only added): a round trip ended here. */
  readonly closedQuantity: string;
}

const ZERO = dec(0);

/** Average entry keeps 12 decimals: far below any tick, and readable in the UI. */
const ENTRY_DECIMALS = 12;

export function emptyPosition(symbol: string, time = 0): Position {
  return { symbol, quantity: '0', avgEntryPrice: '0', realizedPnl: '0', updatedAt: time };
}

/**
 * Moves the position by one fill: the position is the signed sum of its fills, in whatever order
 * they arrive, and realized PnL follows the average-cost method in that order.
 *
 * Quantity: + base received by each BUY, − base given up by each SELL (fees in base included),
 * exactly, never capped. A SELL recorded before the BUYs that preceded it on the exchange (a live
 * fill picked up a cycle late), or a sale of base the bot never bought (deposited inventory), takes
 * the position below zero; the later BUYs bring it back. The position is thus what the bot's fills
 * added to the account, the same quantity the live balance check compares with the exchange.
 *
 * Average entry and realized PnL (quote): a fill that adds to the position's side (a BUY at or
 * above zero, a SELL at or below zero) moves the average entry — the average cost of the units
 * held, or, below zero, the average proceeds of the units sold ahead of their purchase. A fill
 * against it closes units first and realizes (proceeds − cost) on them; the rest, if it crosses
 * zero, opens the other side at this fill's price. When fills arrive out of order, how a gain splits
 * between realized and unrealized, and the average entry on the way, can differ from the exchange's
 * order; realized + unrealized at any price cannot (it is the net quote of all fills plus the
 * position marked at that price), and the quantity is exact.
 *
 * Fees are costs of the trade they belong to. A buy's fee raises its cost (fee in base: fewer units
 * for the same quote; fee in quote: more quote for the same units); a sell's fee lowers its
 * proceeds. So realized PnL is net of both the entry and the exit fee. A fee in a third asset (e.g.
 * BNB) has no price here and is left out of PnL; it is still counted in fees paid.
 */
export function applyFill(position: Position | null, fill: Fill): FillResult {
  const { base, quote } = splitSymbol(fill.symbol);
  const current = position ?? emptyPosition(fill.symbol);
  const held = exactOf(current);
  const buy = fill.side === 'BUY';
  // Base this fill moves and the quote it is worth: a buy's cost, a sell's proceeds, fees included.
  const units = buy ? dec(fill.quantity).minus(feeIn(fill, base)) : dec(fill.quantity).plus(feeIn(fill, base));
  const value = buy ? dec(fill.quoteQuantity).plus(feeIn(fill, quote)) : dec(fill.quoteQuantity).minus(feeIn(fill, quote));
  const quantity = buy ? held.quantity.plus(units) : held.quantity.minus(units);

  // Units that close the opposite side: a buy against a position below zero, a sell against one above.
  const against = buy ? held.quantity.lt(ZERO) : held.quantity.gt(ZERO);
  const closing = against ? decMin(units, held.quantity.abs()) : ZERO;
  const closingValue = closing.isZero() ? ZERO : closing.eq(units) ? value : value.mul(closing).div(units);
  const closedAtEntry = closing.mul(held.avgEntryPrice);
  const realized = closing.isZero() ? ZERO : buy ? closedAtEntry.minus(closingValue) : closingValue.minus(closedAtEntry);

  const opening = units.minus(closing);
  let avgEntry: Dec;
  if (quantity.isZero()) avgEntry = ZERO;
  else if (!opening.gt(ZERO))
    avgEntry = held.avgEntryPrice; // only closed: the rest keeps its entry
  else if (closing.gt(ZERO))
    avgEntry = value.minus(closingValue).div(opening).toDecimalPlaces(ENTRY_DECIMALS); // crossed zero
  else avgEntry = held.quantity.abs().mul(held.avgEntryPrice).plus(value).div(quantity.abs()).toDecimalPlaces(ENTRY_DECIMALS);

  const next = { symbol: current.symbol, quantity, avgEntryPrice: avgEntry, realizedPnl: held.realizedPnl.plus(realized) };
  const unchanged = {
    avgEntryPrice: avgEntry === held.avgEntryPrice ? current.avgEntryPrice : undefined,
    realizedPnl: realized.isZero() ? current.realizedPnl : undefined,
  };
  return { position: positionOf(next, unchanged, fill.time), realizedPnl: decStr(realized), closedQuantity: decStr(closing) };
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

/**
 * Mark-to-market PnL of the open quantity (plain number: computed every cycle): quantity × (price −
 * average entry), which below zero is what the units sold ahead of their purchase gain when the
 * price falls.
 */
export function unrealizedPnl(position: Position | null, price: number): number {
  if (!position) return 0;
  const quantity = Number(position.quantity);
  return quantity === 0 ? 0 : quantity * (price - Number(position.avgEntryPrice));
}
