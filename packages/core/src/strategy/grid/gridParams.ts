import { z } from 'zod';
import type { TunableParam } from '../types.js';

/** Bounds shared by both grids, so that a static grid and a smart grid compare on equal terms. */
export const GRID_COMMON_BOUNDS = {
  grid_levels: { min: 1, max: 30 },
  capital_pct: { min: 1, max: 100 },
  bootstrap_share: { min: 0.05, max: 1 },
  cooldown_seconds: { min: 0, max: 86_400 },
} as const;

export const gridCommonShape = {
  grid_levels: z.number().int().min(GRID_COMMON_BOUNDS.grid_levels.min).max(GRID_COMMON_BOUNDS.grid_levels.max).default(5),
  capital_pct: z.number().min(GRID_COMMON_BOUNDS.capital_pct.min).max(GRID_COMMON_BOUNDS.capital_pct.max).default(50),
  bootstrap_share: z.number().min(GRID_COMMON_BOUNDS.bootstrap_share.min).max(GRID_COMMON_BOUNDS.bootstrap_share.max).default(0.5),
  // Defaults to TRADING_GRID_COOLDOWN_SECONDS (see defaultsFromSettings); a stored parameter overrides it.
  cooldown_seconds: z.number().min(GRID_COMMON_BOUNDS.cooldown_seconds.min).max(GRID_COMMON_BOUNDS.cooldown_seconds.max).default(60),
};

export const gridCommonTunable: readonly TunableParam[] = [
  { key: 'grid_levels', ...GRID_COMMON_BOUNDS.grid_levels, integer: true, description: 'grid levels on each side of the centre' },
  {
    key: 'cooldown_seconds',
    ...GRID_COMMON_BOUNDS.cooldown_seconds,
    integer: false,
    description: 'minimum seconds between two grid signals',
  },
];

export const STATIC_GRID_BOUNDS = { spacing_pct: { min: 0.05, max: 20 } } as const;

export const staticGridParamsSchema = z.object({
  ...gridCommonShape,
  spacing_pct: z.number().min(STATIC_GRID_BOUNDS.spacing_pct.min).max(STATIC_GRID_BOUNDS.spacing_pct.max).default(1),
});

export type StaticGridParams = z.infer<typeof staticGridParamsSchema>;

export const staticGridTunable: readonly TunableParam[] = [
  ...gridCommonTunable,
  { key: 'spacing_pct', ...STATIC_GRID_BOUNDS.spacing_pct, integer: false, description: 'fixed step between levels, percent' },
];
