import { spaceOutCheckpoints } from '@warden/cli/runtime/walCheckpoints';
import { aggregateCandles } from '@warden/core/data/aggregateCandles';
import { paperCycleHarness } from '@warden/core/testing/cycleHarness';
import { openDatabase } from '@warden/storage/database';
import { openStore } from '@warden/storage/openStore';
import { randomWalkCandles } from '@warden/testkit/candles';
import { makeTempDir } from '@warden/testkit/tempDir';
import { percentile } from '../support/processes.js';
import { type Figure, line, ms, section } from '../support/table.js';

const CYCLES = 3_000;
const WARM_UP = 500;

/**
 * The paper cycle with SQLite persistence (the wiring of `warden start`, smart_grid_ai on 5m + 4h,
 * every write of a cycle in one transaction, the same WAL checkpoint interval and V8 tuning), each cycle followed by the baseline: one bare
 * better-sqlite3 transaction inserting one row into a database opened the same way (WAL,
 * synchronous=NORMAL). Interleaved, both see the same machine load; the p99s are compared.
 */
export async function cycleLatency(passes: number): Promise<Figure> {
  section(
    `Paper cycle with SQLite (${CYCLES - WARM_UP} cycles after ${WARM_UP} warm-up, ${passes} passes) beside a bare SQLite transaction`,
  );
  const m5 = randomWalkCandles({ count: CYCLES, stepMs: 300_000, volatility: 0.004, seed: 3, start: Date.UTC(2023, 0, 1) });
  const h4 = aggregateCandles(m5, '5m', '4h');
  const results: Array<{ p50: number; p99: number; max: number; bareP99: number; fills: number }> = [];
  for (let pass = 0; pass < passes; pass++) {
    const tmp = makeTempDir('warden-bench-');
    const store = openStore(`${tmp.dir}/bench.db`);
    spaceOutCheckpoints(store); // as `warden start` runs it
    const bare = openDatabase(`${tmp.dir}/bare.db`).sqlite;
    bare.exec('create table t (id integer primary key, time integer not null, value text not null)');
    const insert = bare.prepare('insert into t (time, value) values (?, ?)');
    const bareTx = bare.transaction((i: number) => insert.run(i, 'x'.repeat(200)));
    const h = paperCycleHarness(store, { '5m': m5, '4h': h4 }, { TRADING_ACTIVE_STRATEGY: 'smart_grid_ai', TRADING_TIMEFRAMES: '5m,4h' });
    const cycle: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < m5.length; i++) {
      const t0 = performance.now();
      await h.step(i);
      const t1 = performance.now();
      bareTx(i);
      const t2 = performance.now();
      if (i >= WARM_UP) {
        cycle.push(t1 - t0);
        baseline.push(t2 - t1);
      }
    }
    cycle.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    results.push({
      p50: percentile(cycle, 50),
      p99: percentile(cycle, 99),
      max: cycle[cycle.length - 1] as number,
      bareP99: percentile(baseline, 99),
      fills: store.fills.all('BTC/USDT').length,
    });
    store.close();
    bare.close();
    tmp.cleanup();
  }
  for (const [i, r] of results.entries())
    line(
      `pass ${i + 1}: cycle p50 / p99 / max; bare transaction p99`,
      `${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.max)}; ${ms(r.bareP99)} (${r.fills} fills)`,
    );
  const mid = [...results].sort((a, b) => a.p99 - b.p99)[Math.floor(results.length / 2)] as (typeof results)[number];
  return {
    what: 'paper cycle with SQLite, p99',
    warden: ms(mid.p99),
    baseline: `${ms(mid.bareP99)} one bare SQLite transaction`,
    ratio: mid.p99 / mid.bareP99,
    target: '< 2 ms',
    met: mid.p99 < 2,
  };
}
