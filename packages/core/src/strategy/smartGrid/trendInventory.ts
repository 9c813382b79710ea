import type { Fill } from '../../domain/orders.js';
import type { TradeSignal } from '../../domain/signal.js';
import { floorQuantityNumber } from '../../money/filters.js';
import { acceptable } from '../grid/gridSizing.js';
import type { StrategyContext } from '../types.js';

/**
 * Trend inventory: base the smart grid holds beside its levels while the 4h trend is clearly up,
 * so that the regime changes how much the grid holds and not only where its levels sit. A grid
 * alone sells into a rising market and (without inventory bootstrap) never buys in one; holding
 * some of the trend is what a grid gives up to buy-and-hold there. The trend inventory is kept
 * apart from the levels' inventory: grid levels never sell it, and it is sold only when the trend
 * fades.
 *
 * In level shares (one share = grid capital / (2 × grid_levels), the size of one grid level):
 *
 *     wanted = trend_levels × max(0, regime − trend_threshold) / (1 − trend_threshold)
 *
 * so nothing is held below the threshold and `trend_levels` shares at a full-strength trend.
 * The held count moves to round(wanted) only when wanted is at least HYSTERESIS_SHARES away from
 * it: a regime hovering around a rounding boundary does not buy and sell the same share each 4h.
 */
export const HYSTERESIS_SHARES = 0.75;

export interface TrendTargetInputs {
  /** The 4h regime, in (−1, 1). */
  readonly regime: number;
  readonly trendLevels: number;
  readonly trendThreshold: number;
  /** Shares the trend inventory stands at now. */
  readonly currentShares: number;
}

/** Level shares the trend inventory should stand at (a whole number). */
export function trendTargetShares(inputs: TrendTargetInputs): number {
  const { regime, trendLevels, trendThreshold, currentShares } = inputs;
  const strength = Math.max(0, regime - trendThreshold) / (1 - trendThreshold);
  const wanted = trendLevels * Math.min(1, strength);
  return Math.abs(wanted - currentShares) >= HYSTERESIS_SHARES ? Math.round(wanted) : currentShares;
}

/** What the smart grid remembers about its trend inventory (persisted in its snapshot). */
export interface TrendInventory {
  /** Base quantity bought for the trend and not yet sold (net of fees paid in base). */
  quantity: number;
  /** Level shares it stands at (the target its last filled order reached). */
  shares: number;
  /** Shares a sent trend order stands for; becomes `shares` when it fills. */
  pendingShares: number | null;
}

export function emptyTrendInventory(): TrendInventory {
  return { quantity: 0, shares: 0, pendingShares: null };
}

/** Order tag of trend-inventory orders; the grid engine ignores it (it is not a level). */
export const TREND_TAG = 'grid:trend';

export interface TrendOrderInputs {
  readonly context: StrategyContext;
  readonly inventory: TrendInventory;
  /** Shares the inventory should stand at (`trendTargetShares`). */
  readonly targetShares: number;
  /** Quote per level share: grid capital / (2 × grid_levels). */
  readonly quotePerShare: number;
  readonly regime: number;
}

/**
 * The order that moves the trend inventory from `inventory.shares` to `targetShares`, or null when
 * there is nothing to do or it cannot be done now. Whole shares are bought at today's price
 * ((target − shares) × quotePerShare); a lower target sells the matching part of what was bought
 * (quantity × (shares − target) / shares), so a price move alone never makes it trade. A target
 * of 0 sells everything left. Sizes are in base, truncated to the step; a buy never exceeds the
 * free quote, a sell never the free base. Returns 'dust' when a target of 0 leaves only a remainder
 * below the symbol's minimums: the caller then hands it to the grid's inventory.
 */
export function trendOrder(inputs: TrendOrderInputs): TradeSignal | 'dust' | null {
  const { context, inventory, targetShares, quotePerShare, regime } = inputs;
  const { price, filters } = context;
  const explain = { regime, targetShares, shares: inventory.shares, heldQuantity: inventory.quantity, quotePerShare, price };
  if (targetShares > inventory.shares) {
    const wanted = ((targetShares - inventory.shares) * quotePerShare) / price;
    const baseQuantity = floorQuantityNumber(Math.min(wanted, context.quoteBalance / price), filters);
    if (!acceptable(baseQuantity, price, filters)) return null;
    return {
      action: 'BUY',
      reason: 'trend_inventory_buy',
      tag: TREND_TAG,
      baseQuantity,
      quoteAmount: baseQuantity * price,
      inputs: explain,
    };
  }
  if (targetShares === inventory.shares && (targetShares > 0 || inventory.quantity === 0)) return null;
  const part = targetShares === 0 || inventory.shares === 0 ? 1 : (inventory.shares - targetShares) / inventory.shares;
  const free = Math.max(0, Math.min(context.baseBalance, context.position.quantity));
  const baseQuantity = floorQuantityNumber(Math.min(inventory.quantity * part, free), filters);
  if (!acceptable(baseQuantity, price, filters)) return targetShares === 0 ? 'dust' : null;
  return {
    action: 'SELL',
    reason: 'trend_inventory_sell',
    tag: TREND_TAG,
    baseQuantity,
    quoteAmount: baseQuantity * price,
    inputs: explain,
  };
}

/** Books a filled trend order: the quantity received (a buy's fee, paid in base, is not held) and the shares it stood for. */
export function applyTrendFill(inventory: TrendInventory, fill: Fill, baseAsset: string): void {
  const quantity = Number(fill.quantity);
  const feeInBase = fill.feeAsset === baseAsset ? Number(fill.fee) : 0;
  inventory.quantity = Math.max(0, inventory.quantity + (fill.side === 'BUY' ? quantity - feeInBase : -quantity));
  if (inventory.pendingShares !== null) inventory.shares = inventory.pendingShares;
  inventory.pendingShares = null;
}
