import type { Candle } from '../../domain/market.js';
import { mulberry32 } from '../../research/seededRandom.js';

/** Deterministic pseudo-random numbers (mulberry32) so synthetic markets are the same on every run. */
export const seededRandom: (seed: number) => () => number = mulberry32;

/** Candles of a random walk with per-candle σ `sigma` and drift `drift`, high/low half a σ beyond open/close. */
export function randomWalkCandles(args: {
  count: number;
  sigma: number;
  drift?: number;
  start?: number;
  stepMs?: number;
  seed?: number;
  price?: number;
}): Candle[] {
  const random = seededRandom(args.seed ?? 1);
  const stepMs = args.stepMs ?? 3_600_000;
  let close = args.price ?? 100;
  const out: Candle[] = [];
  for (let i = 0; i < args.count; i++) {
    const open = close;
    const shock = (random() + random() + random() - 1.5) * 2; // ≈ N(0, 1)
    close = open * Math.exp((args.drift ?? 0) + args.sigma * shock);
    const wick = args.sigma * 0.5 * random();
    out.push({
      openTime: (args.start ?? 0) + i * stepMs,
      open,
      close,
      high: Math.max(open, close) * (1 + wick),
      low: Math.min(open, close) * (1 - wick),
      volume: 1,
    });
  }
  return out;
}
