import { CONNECTIONS, loadRounds, median, perRound, range, rps, times, WARM_UP_SECONDS, wholeMs } from '../support/apiLoad.js';
import { startApiServers } from '../support/apiServers.js';
import { residentMb } from '../support/processes.js';
import { type Figure, line, mb, section } from '../support/table.js';

/** RSS samples 1 s apart; the median, so one allocation spike or GC does not decide the figure. */
async function settledRss(pid: number, samples: number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    values.push(residentMb(pid));
  }
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/**
 * A real `warden start` (paper, AI off, Telegram off) against the fake exchange: its resident
 * memory once idle between cycles, beside a bare fastify app's; then API throughput by the method
 * of `npm run bench -- api-throughput` (bench/support/apiLoad.ts: warm-up, interleaved rounds,
 * medians) on the same two servers.
 */
export async function runningServer(rounds: number, seconds = 3): Promise<Figure[]> {
  section('Idle `warden start` (paper, AI off, Telegram off, cycles every 2 s) beside a bare fastify app');
  const servers = await startApiServers({ auth: false });
  const { bare, warden } = servers;
  try {
    const wardenRss = await settledRss(warden.process.child.pid as number, 10);
    const bareRss = await settledRss(bare.process.child.pid as number, 3);
    const cycles = (warden.process.output().match(/"cycle (decided|synced)"/g) ?? []).length;
    line('warden start, resident memory once idle', `${mb(wardenRss)} (${cycles} decided cycles logged so far)`);
    line('bare fastify app, resident memory', mb(bareRss));

    section(
      `API throughput: autocannon, ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up, then ${rounds} interleaved rounds of ${seconds} s per route; median (range)`,
    );
    const [bareHealth = [], health = [], status = []] = await loadRounds(
      [
        { server: bare, path: '/api/health' },
        { server: warden, path: '/api/health' },
        { server: warden, path: '/api/system/status' },
      ],
      rounds,
      seconds,
    );
    for (const [label, s] of [
      ['bare fastify GET /api/health', bareHealth],
      ['warden GET /api/health', health],
      ['warden GET /api/system/status', status],
    ] as const)
      line(
        label,
        `${range(
          s.map((x) => x.rps),
          rps,
        )}, p99 ${range(
          s.map((x) => x.p99),
          wholeMs,
        )}`,
      );
    const healthRatio = median(perRound(health, bareHealth, (x) => x.rps));
    const statusRatio = median(perRound(status, bareHealth, (x) => x.rps));
    const bareRps = median(bareHealth.map((x) => x.rps));
    const statusRps = median(status.map((x) => x.rps));
    const statusP99 = median(status.map((x) => x.p99));
    return [
      {
        what: 'resident memory of an idle `warden start`',
        warden: mb(wardenRss),
        baseline: `${mb(bareRss)} bare fastify`,
        ratio: wardenRss / bareRss,
        target: '< 150 MB',
        met: wardenRss < 150,
      },
      {
        what: '`GET /api/health` throughput (median of rounds)',
        warden: rps(median(health.map((x) => x.rps))),
        baseline: `${rps(bareRps)} bare fastify`,
        ratio: healthRatio,
        target: '≥ 50 % of bare fastify',
        met: healthRatio >= 0.5,
      },
      {
        what: '`GET /api/system/status` throughput, p99 (medians)',
        warden: `${rps(statusRps)}, p99 ${wholeMs(statusP99)}`,
        baseline: `${rps(bareRps)} bare fastify /api/health (${times(statusRatio)})`,
        ratio: statusRatio,
        target: '≥ 10,000 req/s, p99 < 5 ms',
        met: statusRps >= 10_000 && statusP99 < 5,
      },
    ];
  } finally {
    await servers.stop();
  }
}
