import { z } from 'zod';
import { GRID_COMMON_BOUNDS, gridCommonShape, gridCommonTunable } from '../grid/gridParams.js';
import type { TunableParam } from '../types.js';

export const SMART_GRID_BOUNDS = {
  grid_levels: { min: 2, max: 20 },
  spacing_min_pct: { min: 0.05, max: 5 },
  spacing_max_pct: { min: 0.1, max: 10 },
  volatility_blend: { min: 0, max: 1 },
  tilt_strength: { min: 0, max: 1 },
  spacing_multiplier: { min: 0.25, max: 10 },
  level_growth: { min: 0, max: 1 },
  trend_levels: { min: 0, max: 20 },
  trend_threshold: { min: 0, max: 0.9 },
  atr_period: { min: 2, max: 100 },
  volatility_window: { min: 5, max: 500 },
  range_exit_seconds: { min: 0, max: 604_800 },
} as const;

const b = SMART_GRID_BOUNDS;

export const smartGridParamsSchema = z
  .object({
    ...gridCommonShape,
    grid_levels: z.number().int().min(b.grid_levels.min).max(b.grid_levels.max).default(5),
    /**
     * Narrowest step. 1 % keeps a round trip's cost (2 × 0.1 % fee + slippage ≈ 0.3 %) under a third
     * of what the step earns; a step near the cost trades often and earns nothing.
     */
    spacing_min_pct: z.number().min(b.spacing_min_pct.min).max(b.spacing_min_pct.max).default(1),
    spacing_max_pct: z.number().min(b.spacing_max_pct.min).max(b.spacing_max_pct.max).default(3),
    /** Weight of ATR-based spacing; the rest comes from realized volatility. */
    volatility_blend: z.number().min(b.volatility_blend.min).max(b.volatility_blend.max).default(0.5),
    tilt_strength: z.number().min(b.tilt_strength.min).max(b.tilt_strength.max).default(1),
    /** Expected candle ranges per grid step. */
    spacing_multiplier: z.number().min(b.spacing_multiplier.min).max(b.spacing_multiplier.max).default(1),
    /** How much wider each step is than the one inside it, going out from the centre. */
    level_growth: z.number().min(b.level_growth.min).max(b.level_growth.max).default(0.25),
    /** Level shares of trend inventory held at full trend strength (0 = none). */
    trend_levels: z.number().int().min(b.trend_levels.min).max(b.trend_levels.max).default(3),
    /** Regime above which the grid starts holding trend inventory. */
    trend_threshold: z.number().min(b.trend_threshold.min).max(b.trend_threshold.max).default(0.4),
    atr_period: z.number().int().min(b.atr_period.min).max(b.atr_period.max).default(14),
    volatility_window: z.number().int().min(b.volatility_window.min).max(b.volatility_window.max).default(48),
    /** Seconds above the grid before it re-centres (upward exits only). */
    range_exit_seconds: z.number().int().min(b.range_exit_seconds.min).max(b.range_exit_seconds.max).default(604_800),
  })
  .refine((p) => p.spacing_min_pct <= p.spacing_max_pct, {
    message: 'spacing_min_pct must not exceed spacing_max_pct',
    path: ['spacing_min_pct'],
  });

export type SmartGridParams = z.infer<typeof smartGridParamsSchema>;

export const smartGridTunable: readonly TunableParam[] = [
  { key: 'grid_levels', ...b.grid_levels, integer: true, description: 'grid levels on each side of the centre' },
  gridCommonTunable.find((t) => t.key === 'cooldown_seconds')!,
  {
    key: 'spacing_min_pct',
    ...b.spacing_min_pct,
    integer: false,
    description: 'narrowest grid step, percent (must also clear the fee floor)',
  },
  { key: 'spacing_max_pct', ...b.spacing_max_pct, integer: false, description: 'widest grid step, percent' },
  {
    key: 'volatility_blend',
    ...b.volatility_blend,
    integer: false,
    description: 'weight of ATR vs realized volatility in the step (1 = ATR only)',
  },
  {
    key: 'tilt_strength',
    ...b.tilt_strength,
    integer: false,
    description: 'how far the 4h trend shifts the centre and widens the side trading against it',
  },
  { key: 'spacing_multiplier', ...b.spacing_multiplier, integer: false, description: 'expected candle ranges per grid step' },
  {
    key: 'level_growth',
    ...b.level_growth,
    integer: false,
    description: 'how much wider each step is than the one inside it (0 = equal steps)',
  },
  {
    key: 'trend_levels',
    ...b.trend_levels,
    integer: true,
    description: 'level shares of extra inventory held while the 4h trend is fully up (0 = none)',
  },
  {
    key: 'trend_threshold',
    ...b.trend_threshold,
    integer: false,
    description: '4h regime above which trend inventory is held',
  },
];

export { GRID_COMMON_BOUNDS };
