import { ValidationError } from '../../errors/errors.js';
import type { StrategySettings } from '../types.js';

/**
 * Extra room above a round trip's fees, in percent. A grid earns one step per round trip (buy at a
 * level, sell one level up) and pays two fees; a step that only just covers the fees earns nothing
 * once slippage and tick rounding take their share.
 */
export const FEE_FLOOR_MARGIN_PCT = 0.05;

/** Smallest grid step (percent) that still makes money on a round trip: 2 × the costlier fee + the margin. Grid orders go out as market orders, so the taker fee usually decides. */
export function feeFloorPct(settings: Pick<StrategySettings, 'makerFee' | 'takerFee'>): number {
  return 2 * Math.max(settings.makerFee, settings.takerFee) * 100 + FEE_FLOOR_MARGIN_PCT;
}

/** Refuses a grid whose smallest step would lose money on every round trip. */
export function assertAboveFeeFloor(spacingPct: number, field: string, settings: Pick<StrategySettings, 'makerFee' | 'takerFee'>): void {
  const floor = feeFloorPct(settings);
  if (spacingPct > floor) return;
  const fee = Math.max(settings.makerFee, settings.takerFee) * 100;
  throw new ValidationError(
    `${field} = ${spacingPct}% does not cover a round trip's fees: it must exceed ${round(floor)}% (2 × ${round(fee)}% fee + ${FEE_FLOOR_MARGIN_PCT}% margin)`,
    field,
    { spacingPct, feeFloorPct: floor },
  );
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
