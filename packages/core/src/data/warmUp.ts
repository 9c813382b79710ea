import type { TimeframeReadiness } from '../app/services.js';
import type { Timeframe } from '../domain/market.js';
import { InsufficientDataError } from '../errors/errors.js';
import type { CandleCache, ProgressListener } from './candleCache.js';

/** Closed candles a strategy needs per timeframe before its first cycle. */
export type CandleRequirements = Partial<Record<Timeframe, number>>;

/**
 * Backfills every required timeframe, then reports readiness. A failing timeframe does not stop
 * the others: readiness tells which one is short and by how much.
 */
export async function warmUp(
  cache: CandleCache,
  symbol: string,
  requirements: CandleRequirements,
  onProgress?: (timeframe: Timeframe, done: number, total: number) => void,
): Promise<{ readiness: TimeframeReadiness[]; errors: Array<{ timeframe: Timeframe; error: unknown }> }> {
  const errors: Array<{ timeframe: Timeframe; error: unknown }> = [];
  for (const [timeframe, count] of Object.entries(requirements) as Array<[Timeframe, number]>) {
    if (!(count > 0)) continue;
    const progress: ProgressListener | undefined = onProgress ? (done, total) => onProgress(timeframe, done, total) : undefined;
    try {
      await cache.backfill(symbol, timeframe, count, progress);
    } catch (error) {
      errors.push({ timeframe, error });
    }
  }
  return { readiness: cache.readiness(symbol, requirements), errors };
}

export function isDataReady(readiness: readonly TimeframeReadiness[]): boolean {
  return readiness.every((r) => r.ready);
}

/** The warm-up gate: with TRADING_REQUIRE_DATA_READY, refuses to start and names each short timeframe. */
export function assertDataReady(readiness: readonly TimeframeReadiness[], requireDataReady: boolean): void {
  if (!requireDataReady) return;
  const short = readiness.filter((r) => !r.ready);
  if (short.length === 0) return;
  const detail = short
    .map((r) => `${r.timeframe} lacks ${r.required - r.available} closed candles (has ${r.available} of ${r.required})`)
    .join('; ');
  throw new InsufficientDataError(`market data not ready: ${detail}`, {
    short: short.map((r) => ({ timeframe: r.timeframe, required: r.required, available: r.available })),
  });
}
