// One pass of the paper-cycle latency figure (bench/figures/cycleLatency.ts), in a process of its
// own started with the V8 tuning of `warden start` applied first (bench/support/v8TuningFirst.mjs):
//   node --import ./bench/support/v8TuningFirst.mjs --import tsx bench/cycleLatencyPass.ts <strategy>
// Prints one JSON line: the measured cycle times and the bare transaction times.
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { spaceOutCheckpoints } from '@warden/cli/runtime/walCheckpoints';
import { aggregateCandles } from '@warden/core/data/aggregateCandles';
import { paperCycleHarness } from '@warden/core/testing/cycleHarness';
import { openDatabase } from '@warden/storage/database';
import { openStore } from '@warden/storage/openStore';
import { randomWalkCandles } from '@warden/testkit/candles';
import { makeTempDir } from '@warden/testkit/tempDir';

const CYCLES = 3_000;
const WARM_UP = 500;

/** What one pass reports to the parent. */
export interface PassReport {
  readonly warmUp: number;
  /** Wall time of each measured cycle (ms). */
  readonly cycles: number[];
  /** Wall time of the bare transaction after each measured cycle (ms). */
  readonly bare: number[];
  /**
   * Wall time of a plain computation after each measured cycle (ms): no allocation, no I/O,
   * calibrated to last as long as the median cycle. Its tail is what the machine (other
   * processes, the scheduler) does to any task of that length.
   */
  readonly spin: number[];
  readonly fills: number;
  /** Measured cycles during which V8 collected garbage (any kind). */
  readonly cyclesWithGc: number;
  /** Size of V8's young generation at the end (MiB), to show the tuning held. */
  readonly youngGenerationMb: number;
}

/**
 * The paper cycle with SQLite persistence (the wiring of `warden start`, smart_grid_ai or another
 * strategy on 5m + 4h, every write of a cycle in one transaction, the same WAL checkpoint
 * interval), one cycle per event-loop turn, each followed by the baselines: one bare
 * better-sqlite3 transaction inserting one row into a database opened the same way
 * (`openDatabase`: WAL, synchronous=NORMAL, and the same checkpoint interval), and a plain
 * computation as long as the median cycle. Interleaved, all see the same machine load.
 */
async function pass(strategy: string): Promise<PassReport> {
  const m5 = randomWalkCandles({ count: CYCLES, stepMs: 300_000, volatility: 0.004, seed: 3, start: Date.UTC(2023, 0, 1) });
  const h4 = aggregateCandles(m5, '5m', '4h');
  const tmp = makeTempDir('warden-bench-');
  const store = openStore(`${tmp.dir}/bench.db`);
  const checkpoints = spaceOutCheckpoints(store); // as `warden start` runs it
  const bareDb = openDatabase(`${tmp.dir}/bare.db`);
  const bareCheckpoints = spaceOutCheckpoints(bareDb);
  const bareSqlite = bareDb.sqlite;
  bareSqlite.exec('create table t (id integer primary key, time integer not null, value text not null)');
  const insert = bareSqlite.prepare('insert into t (time, value) values (?, ?)');
  const bareTx = bareSqlite.transaction((i: number) => insert.run(i, 'x'.repeat(200)));
  const h = paperCycleHarness(store, { '5m': m5, '4h': h4 }, { TRADING_ACTIVE_STRATEGY: strategy, TRADING_TIMEFRAMES: '5m,4h' });
  const gcs: Array<readonly [number, number]> = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push([e.startTime, e.startTime + e.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  const cycles: number[] = [];
  const spans: Array<readonly [number, number]> = [];
  const bare: number[] = [];
  const spin: number[] = [];
  const warmUpCycles: number[] = [];
  let spinRounds = 0;
  for (let i = 0; i < m5.length; i++) {
    if (i === WARM_UP) spinRounds = calibrateSpin(median(warmUpCycles));
    // One cycle per turn of the event loop, as the scheduler's timer runs them: between two
    // cycles V8 runs the collections it has scheduled, as it does in the bot between cycles.
    await new Promise((resolve) => setImmediate(resolve));
    const t0 = performance.now();
    await h.step(i);
    const t1 = performance.now();
    bareTx(i);
    const t2 = performance.now();
    sink += spinFor(spinRounds);
    const t3 = performance.now();
    // Between cycles, as the runtime runs them (outside the timed work of either).
    checkpoints.afterTick();
    bareCheckpoints.afterTick();
    if (i >= WARM_UP) {
      cycles.push(t1 - t0);
      spans.push([t0, t1]);
      bare.push(t2 - t1);
      spin.push(t3 - t2);
    } else if (i >= WARM_UP / 2) warmUpCycles.push(t1 - t0);
  }
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the observer deliver the last entries
  observer.disconnect();
  const fills = store.fills.all('BTC/USDT').length;
  store.close();
  bareSqlite.close();
  tmp.cleanup();
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  return {
    warmUp: WARM_UP,
    cycles,
    bare,
    spin,
    fills,
    cyclesWithGc: spans.filter(([a, b]) => gcs.some(([s, e]) => e > a && s < b)).length,
    youngGenerationMb: young / 1024 / 1024,
  };
}

let sink = 0;

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Plain arithmetic, `rounds` times: no allocation, no I/O. */
function spinFor(rounds: number): number {
  let x = 0;
  for (let i = 0; i < rounds; i++) x += Math.sqrt(i + x);
  return x;
}

/** The rounds of `spinFor` that take `ms` on this machine (the median of a few timings, once the JIT has it). */
function calibrateSpin(ms: number): number {
  const rounds = 100_000;
  for (let i = 0; i < 20; i++) sink += spinFor(rounds);
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    sink += spinFor(rounds);
    times.push(performance.now() - t);
  }
  return Math.max(1, Math.round((rounds * ms) / median(times)));
}

if (process.argv[2]) {
  const report = await pass(process.argv[2]);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (sink === -1) process.stderr.write('\n'); // keeps the spins from being optimised away
}
