import { z } from 'zod';
import { ValidationError } from '../../errors/errors.js';
import { fromSnapshot, GRID_SNAPSHOT_VERSION, type GridSnapshot, type GridState, toSnapshot } from '../grid/gridState.js';
import { emptyTrendInventory, type TrendInventory } from './trendInventory.js';

/** The step and tilt the grid was last drawn with (the redraw threshold compares against them). */
export interface DrawnShape {
  readonly step: number;
  readonly tilt: number;
}

/** Everything a smart grid restores after a restart. */
export interface SmartGridRestored {
  readonly grid: GridState;
  readonly drawn: DrawnShape | null;
  readonly trend: TrendInventory;
}

const extrasSchema = z.object({
  drawn: z.object({ step: z.number().positive().finite(), tilt: z.number().min(-1).max(1) }).nullable(),
  trend: z.object({
    quantity: z.number().nonnegative().finite(),
    shares: z.number().int().nonnegative(),
    pendingShares: z.number().int().nonnegative().nullable(),
  }),
});

export type SmartGridSnapshot = GridSnapshot & z.infer<typeof extrasSchema>;

/** The grid's snapshot (`kind: 'grid'`, version 2) plus the drawn shape and the trend inventory. */
export function toSmartGridSnapshot(grid: GridState, drawn: DrawnShape | null, trend: TrendInventory): SmartGridSnapshot {
  return { ...toSnapshot(grid), drawn, trend: { quantity: trend.quantity, shares: trend.shares, pendingShares: trend.pendingShares } };
}

/**
 * Parses a persisted smart grid snapshot. Version 2 must carry a valid drawn shape (or null) and
 * trend inventory; anything else in it is refused like any corrupt snapshot (ValidationError,
 * field `snapshot`). Version 1 (written before the trend inventory existed) is migrated: the grid
 * carries over as `fromSnapshot` migrates it, the trend inventory starts empty, and the drawn shape
 * is dropped and measured again (its tilt came from the MACD histogram, which is no longer read).
 */
export function fromSmartGridSnapshot(raw: unknown, levelsPerSide: number): SmartGridRestored {
  const grid = fromSnapshot(raw, levelsPerSide);
  if ((raw as { version: unknown }).version !== GRID_SNAPSHOT_VERSION) return { grid, drawn: null, trend: emptyTrendInventory() };
  const extras = extrasSchema.safeParse(raw);
  if (!extras.success)
    throw new ValidationError(
      `invalid grid snapshot: ${extras.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      'snapshot',
    );
  return { grid, drawn: extras.data.drawn, trend: { ...extras.data.trend } };
}
