// `npm run bench -- research`: the research bench's throughput, on every core and on one.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixturesDir } from '@warden/testkit/fixtures';
import { runResearch } from '../apps/cli/src/research/runResearch.js';

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
}

/** One bench run over the shared corpus; returns backtests run and seconds taken. */
async function timed(threads: number): Promise<{ backtests: number; seconds: number; sets: number }> {
  const totals = new Map<string, number>();
  const t0 = performance.now();
  const report = await runResearch({
    inputs: [join(fixturesDir(), 'candles')],
    env: { TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' },
    search: { mode: 'random', trials: 4, seed: 1 },
    threads,
    onProgress: (_done, total, phase) => totals.set(phase, total),
  });
  const seconds = (performance.now() - t0) / 1000;
  return { backtests: [...totals.values()].reduce((a, b) => a + b, 0), seconds, sets: report.sets.length };
}

/**
 * Backtests per second of `warden research` over the shared candle corpus (every strategy, a
 * 4-trial random search, walk-forward), on a worker per core and then serially in one thread.
 * Loading is included: it is part of what a user waits for.
 */
export async function researchThroughput(): Promise<void> {
  const cores = availableParallelism();
  process.stdout.write(
    `\n== Research bench throughput: the shared candle corpus, every strategy, 4-trial random search, walk-forward ==\n`,
  );
  const parallel = await timed(cores);
  const serial = await timed(1);
  line('sets', `${parallel.sets}`);
  line(
    `${cores} worker threads`,
    `${parallel.backtests} backtests in ${parallel.seconds.toFixed(1)} s  ${(parallel.backtests / parallel.seconds).toFixed(1)} backtests/s`,
  );
  line(
    '1 thread (serial)',
    `${serial.backtests} backtests in ${serial.seconds.toFixed(1)} s  ${(serial.backtests / serial.seconds).toFixed(1)} backtests/s  → speed-up ×${(serial.seconds / parallel.seconds).toFixed(2)}`,
  );
}
