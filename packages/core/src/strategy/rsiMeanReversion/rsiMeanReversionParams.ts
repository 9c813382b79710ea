import { z } from 'zod';
import type { TunableParam } from '../types.js';

export const RSI_BOUNDS = {
  rsi_period: { min: 2, max: 50 },
  oversold: { min: 5, max: 45 },
  overbought: { min: 55, max: 95 },
} as const;

export const rsiMeanReversionParamsSchema = z.object({
  rsi_period: z.number().int().min(RSI_BOUNDS.rsi_period.min).max(RSI_BOUNDS.rsi_period.max).default(14),
  oversold: z.number().min(RSI_BOUNDS.oversold.min).max(RSI_BOUNDS.oversold.max).default(30),
  overbought: z.number().min(RSI_BOUNDS.overbought.min).max(RSI_BOUNDS.overbought.max).default(70),
});

export type RsiMeanReversionParams = z.infer<typeof rsiMeanReversionParamsSchema>;

export const rsiMeanReversionTunable: readonly TunableParam[] = [
  { key: 'rsi_period', ...RSI_BOUNDS.rsi_period, integer: true, description: 'Wilder RSI length in primary candles' },
  { key: 'oversold', ...RSI_BOUNDS.oversold, integer: false, description: 'RSI below this buys' },
  { key: 'overbought', ...RSI_BOUNDS.overbought, integer: false, description: 'RSI above this sells the position' },
];
