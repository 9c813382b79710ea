import type { SymbolFilters } from '../../domain/market.js';
import { minimumLevelPrice, roundToTick } from './tickRounding.js';

export type SpacingMode = 'geometric' | 'arithmetic';

/** One grid line. Index 0 is the centre, negative indices lie below it, positive above. */
export interface GridLevel {
  readonly index: number;
  readonly price: number;
}

export interface GridLayout {
  readonly centre: number;
  readonly mode: SpacingMode;
  /** Steps as fractions (0.01 = 1 %) below and above the centre; they differ when a regime tilts the grid. */
  readonly buyStep: number;
  readonly sellStep: number;
  /** Ascending by price (and index); levels that would fall to or below zero are left out. */
  readonly levels: readonly GridLevel[];
}

/**
 * Unrounded price of level `index`. Geometric: equal ratio between neighbours, so every grid earns
 * the same percentage (c·(1+s)^k above, c/(1+s)^k below). Arithmetic: equal price step c·s, so
 * every grid earns the same amount of quote (c·(1 ± k·s)).
 */
export function levelPrice(centre: number, index: number, buyStep: number, sellStep: number, mode: SpacingMode): number {
  if (index === 0) return centre;
  if (mode === 'geometric') return index > 0 ? centre * (1 + sellStep) ** index : centre / (1 + buyStep) ** -index;
  return index > 0 ? centre * (1 + index * sellStep) : centre * (1 - -index * buyStep);
}

/**
 * Builds `levelsPerSide` levels on each side of the centre, on the symbol's tick: buy levels round
 * down and sell levels up, so rounding never narrows a step below what the spacing promised.
 */
export function buildLayout(args: {
  centre: number;
  buyStep: number;
  sellStep: number;
  levelsPerSide: number;
  mode: SpacingMode;
  filters: SymbolFilters;
}): GridLayout {
  const { centre, buyStep, sellStep, levelsPerSide, mode, filters } = args;
  const minPrice = minimumLevelPrice(filters);
  const levels: GridLevel[] = [];
  for (let index = -levelsPerSide; index <= levelsPerSide; index++) {
    const raw = levelPrice(centre, index, buyStep, sellStep, mode);
    if (!(raw > 0)) continue;
    const rounding = index < 0 ? 'down' : index > 0 ? 'up' : 'nearest';
    const price = roundToTick(raw, filters.tickSize, rounding);
    if (price < minPrice) continue;
    levels.push({ index, price });
  }
  return { centre: roundToTick(centre, filters.tickSize, 'nearest'), mode, buyStep, sellStep, levels };
}
