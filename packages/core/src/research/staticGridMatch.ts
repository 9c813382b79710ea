import { GRID_COMMON_BOUNDS } from '../strategy/grid/gridParams.js';
import type { ParamValue, StrategyDefinition } from '../strategy/types.js';
import type { Candidate } from './paramSearch.js';

/** The static grid's strategy name: the baseline every grid variant is judged against. */
export const STATIC_GRID = 'grid';

/** Parameters both grids share; a comparison copies them so only the grid's own logic differs. */
const SHARED_KEYS = Object.keys(GRID_COMMON_BOUNDS) as Array<keyof typeof GRID_COMMON_BOUNDS>;

/** A grid strategy (it has levels and a capital share), so the static grid belongs beside it. */
export function isGridVariant(definition: StrategyDefinition): boolean {
  return 'grid_levels' in definition.defaults && 'capital_pct' in definition.defaults;
}

/**
 * The static grid to compare a grid variant with: the same capital share, levels, bootstrap share
 * and cooldown (each clamped to the static grid's bounds), its own default spacing. Fees, slippage
 * and starting equity are the run's, so they are equal by construction.
 */
export function matchedStaticGrid(resolved: Readonly<Record<string, ParamValue>>): Candidate {
  const out: Record<string, ParamValue> = {};
  for (const key of SHARED_KEYS) {
    const value = resolved[key];
    if (typeof value !== 'number') continue;
    const { min, max } = GRID_COMMON_BOUNDS[key];
    out[key] = Math.min(max, Math.max(min, value));
  }
  return out;
}
