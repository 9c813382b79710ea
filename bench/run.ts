// `npm run bench`: each figure of the runtime issue's table beside a baseline measured in the same
// run (a bare Node loop, a bare fastify app, grademark, a plain computation and a bare SQLite
// transaction), so the ratios stay meaningful on a loaded machine. Figures, not assertions.
//   npm run bench                 everything (about 5–10 minutes on 2 cores)
//   npm run bench -- start        cold start only;  backtest | server | cycle likewise
//   npm run bench -- detail       in-process detail: throughput per strategy, latency per API read
//   npm run bench -- api-throughput   the API's req/s and CPU per request beside a bare fastify app
//   npm run bench -- research     the research bench's backtests per second, on every core and serially
//   npm run bench -- portfolio    1, 10 and 100 pairs in one process: backtest and paper with SQLite
//   BENCH_RUNS=1 npm run bench    fewer alternated runs of the whole-process backtests (default 3)
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { makeTempDir } from '@warden/testkit/tempDir';
import { apiThroughput } from './apiThroughput.js';
import { detail } from './detail.js';
import { backtests } from './figures/backtests.js';
import { coldStart } from './figures/coldStart.js';
import { cycleLatency } from './figures/cycleLatency.js';
import { runningServer } from './figures/runningServer.js';
import { portfolioScale } from './portfolioScale.js';
import { researchThroughput } from './researchThroughput.js';
import { REPO_ROOT } from './support/paths.js';
import { type Figure, printFigures } from './support/table.js';
import { writeYearOfCandles } from './support/yearOfCandles.js';

const only = process.argv[2];
const runs = Number(process.env.BENCH_RUNS ?? 3);
const want = (name: string) => only === undefined || only === name;

// The figures time the compiled command; build it now so no timed run includes a rebuild.
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: REPO_ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

process.stdout.write(
  `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (1/5/15 min), ${new Date().toISOString()}\n`,
);
const figures: Figure[] = [];
if (want('start')) figures.push(await coldStart(10));
if (want('backtest')) {
  const tmp = makeTempDir('warden-bench-year-');
  try {
    figures.push(...(await backtests(writeYearOfCandles(tmp.dir), runs)));
  } finally {
    tmp.cleanup();
  }
}
if (want('server')) figures.push(...(await runningServer(5)));
if (want('cycle')) figures.push(await cycleLatency(3));
if (only === 'detail') await detail();
if (figures.length > 0) {
  printFigures(figures);
  process.stdout.write(`load average at the end: ${loadavg()[0]?.toFixed(1)} (1 min)\n`);
}
if (want('api-throughput')) await apiThroughput();
if (want('portfolio')) await portfolioScale();
if (want('research')) await researchThroughput();
