import type { Candle } from '@warden/core/domain/market';
import { seededRandom } from '@warden/core/strategy/testing/randomWalk';

export { seededRandom };

export interface RandomWalkOptions {
  readonly count: number;
  readonly start?: number;
  readonly stepMs?: number;
  readonly startPrice?: number;
  /** Per-bar volatility as a fraction (0.005 = 0.5 %). */
  readonly volatility?: number;
  readonly drift?: number;
  readonly seed?: number;
}

/** A random-walk market with consistent OHLC, for property tests and benchmarks. */
export function randomWalkCandles(o: RandomWalkOptions): Candle[] {
  const rnd = seededRandom(o.seed ?? 1);
  const step = o.stepMs ?? 60_000;
  const vol = o.volatility ?? 0.004;
  let price = o.startPrice ?? 30_000;
  const out: Candle[] = [];
  for (let i = 0; i < o.count; i++) {
    const open = price;
    const close = Math.max(1, open * (1 + (o.drift ?? 0) + (rnd() - 0.5) * 2 * vol));
    const high = Math.max(open, close) * (1 + rnd() * vol * 0.5);
    const low = Math.min(open, close) * (1 - rnd() * vol * 0.5);
    out.push({
      openTime: (o.start ?? 1_600_000_000_000 - (1_600_000_000_000 % step)) + i * step,
      open: r2(open),
      high: r2(high),
      low: r2(low),
      close: r2(close),
      volume: r2(1 + rnd() * 10),
    });
    price = close;
  }
  return out;
}

function r2(x: number): number {
  return Math.round(x * 100) / 100;
}
