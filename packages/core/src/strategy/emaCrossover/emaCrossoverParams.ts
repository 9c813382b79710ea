import { z } from 'zod';
import type { TunableParam } from '../types.js';

export const EMA_CROSSOVER_BOUNDS = {
  fast_period: { min: 2, max: 100 },
  slow_period: { min: 3, max: 400 },
} as const;

export const emaCrossoverParamsSchema = z
  .object({
    fast_period: z.number().int().min(EMA_CROSSOVER_BOUNDS.fast_period.min).max(EMA_CROSSOVER_BOUNDS.fast_period.max).default(12),
    slow_period: z.number().int().min(EMA_CROSSOVER_BOUNDS.slow_period.min).max(EMA_CROSSOVER_BOUNDS.slow_period.max).default(26),
  })
  .refine((p) => p.fast_period < p.slow_period, { message: 'fast_period must be below slow_period', path: ['fast_period'] });

export type EmaCrossoverParams = z.infer<typeof emaCrossoverParamsSchema>;

export const emaCrossoverTunable: readonly TunableParam[] = [
  { key: 'fast_period', ...EMA_CROSSOVER_BOUNDS.fast_period, integer: true, description: 'fast EMA length in primary candles' },
  { key: 'slow_period', ...EMA_CROSSOVER_BOUNDS.slow_period, integer: true, description: 'slow EMA length in primary candles' },
];
