import type { StrategyContext } from './types.js';

/**
 * Base quantity the account can actually sell: the position, capped by the free base balance
 * (spot, no borrowing), less `reserved` (base a strategy keeps for another purpose, e.g. the smart
 * grid's trend inventory). Dust below min quantity or min notional (left by step rounding and fees)
 * counts as nothing.
 */
export function sellableQuantity(context: StrategyContext, reserved = 0): number {
  const quantity = Math.max(0, Math.min(context.position.quantity, context.baseBalance) - reserved);
  const { minNotional, minQty } = context.filters;
  return quantity >= Number(minQty) && quantity * context.price >= Number(minNotional) ? quantity : 0;
}

export function holdsInventory(context: StrategyContext): boolean {
  return sellableQuantity(context) > 0;
}
