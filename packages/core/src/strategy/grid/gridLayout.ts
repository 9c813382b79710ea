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
  /** How much wider each step is than the one before it, going out from the centre (0 = equal steps). */
  readonly levelGrowth: number;
  /** Ascending by price (and index); levels that would fall to or below zero are left out. */
  readonly levels: readonly GridLevel[];
}

/**
 * How many steps level `k` (k ≥ 0) lies from the centre when each step is `growth` wider than the
 * one inside it: 1 + (1+g) + … + (1+g)^(k−1) = ((1+g)^k − 1)/g, or plainly k when g = 0. With
 * g = 0.25 the first five levels sit 1, 2.25, 3.8, 5.8 and 8.2 steps out.
 */
export function levelDistance(k: number, growth: number): number {
  return growth === 0 ? k : ((1 + growth) ** k - 1) / growth;
}

/**
 * Unrounded price of level `index`, d = levelDistance(|index|, growth) steps from the centre.
 * Geometric: equal ratio between neighbours, so every grid earns the same percentage (c·(1+s)^d
 * above, c/(1+s)^d below). Arithmetic: equal price step c·s, so every grid earns the same amount of
 * quote (c·(1 ± d·s)). With growth 0 (the static grid) d is the index itself.
 */
export function levelPrice(centre: number, index: number, buyStep: number, sellStep: number, mode: SpacingMode, growth = 0): number {
  if (index === 0) return centre;
  const d = levelDistance(Math.abs(index), growth);
  if (mode === 'geometric') return index > 0 ? centre * (1 + sellStep) ** d : centre / (1 + buyStep) ** d;
  return index > 0 ? centre * (1 + d * sellStep) : centre * (1 - d * buyStep);
}

/**
 * Builds `levelsPerSide` levels on each side of the centre, on the symbol's tick: buy levels round
 * down and sell levels up, so rounding never narrows a step below what the spacing promised.
 * `levelGrowth` (default 0) widens each step going out from the centre (see `levelDistance`).
 */
export function buildLayout(args: {
  centre: number;
  buyStep: number;
  sellStep: number;
  levelsPerSide: number;
  mode: SpacingMode;
  filters: SymbolFilters;
  levelGrowth?: number;
}): GridLayout {
  const { centre, buyStep, sellStep, levelsPerSide, mode, filters } = args;
  const levelGrowth = args.levelGrowth ?? 0;
  const minPrice = minimumLevelPrice(filters);
  const levels: GridLevel[] = [];
  for (let index = -levelsPerSide; index <= levelsPerSide; index++) {
    const raw = levelPrice(centre, index, buyStep, sellStep, mode, levelGrowth);
    if (!(raw > 0)) continue;
    const rounding = index < 0 ? 'down' : index > 0 ? 'up' : 'nearest';
    const price = roundToTick(raw, filters.tickSize, rounding);
    if (price < minPrice) continue;
    levels.push({ index, price });
  }
  return { centre: roundToTick(centre, filters.tickSize, 'nearest'), mode, buyStep, sellStep, levelGrowth, levels };
}
