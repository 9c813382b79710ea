// `npm run bench -- api-throughput`: requests per second, p99 latency and server CPU time per
// request of Warden's API under load, beside a bare fastify app measured in the same round, with
// the login-protected status read too. The same servers and the same method (bench/support/apiLoad.ts)
// as the API figures of `npm run bench`, in more detail.
import { CONNECTIONS, loadRounds, median, perRound, range, rps, times, us, WARM_UP_SECONDS, wholeMs } from './support/apiLoad.js';
import { startApiServers } from './support/apiServers.js';
import { line, section } from './support/table.js';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 5);
/** Issue 17's targets. */
const HEALTH_RATIO_TARGET = 0.5;
const STATUS_RPS_TARGET = 10_000;
const STATUS_P99_TARGET_MS = 5;

export async function apiThroughput(): Promise<void> {
  section(
    `API throughput: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per figure (${WARM_UP_SECONDS} s of warm-up first), ${ROUNDS} interleaved rounds; ` +
      'warden start (paper, AI and Telegram off, SQLite, fake Binance, LOG_LEVEL=info) vs a bare fastify app, each in its own process; median (range)',
  );
  const servers = await startApiServers({ auth: true });
  let samples: Awaited<ReturnType<typeof loadRounds>>;
  try {
    samples = await loadRounds(
      [
        { server: servers.bare, path: '/api/health' },
        { server: servers.warden, path: '/api/health' },
        { server: servers.warden, path: '/api/system/status' },
        { server: servers.wardenAuth as NonNullable<typeof servers.wardenAuth>, path: '/api/system/status' },
      ],
      ROUNDS,
      SECONDS,
    );
  } finally {
    await servers.stop();
  }
  const [bare = [], health = [], status = [], statusAuth = []] = samples;
  const describe = (s: typeof bare) =>
    `${range(
      s.map((x) => x.rps),
      rps,
    )}, p99 ${range(
      s.map((x) => x.p99),
      wholeMs,
    )}`;
  line('bare fastify GET /api/health', describe(bare));
  line(
    '  server CPU per request',
    range(
      bare.map((x) => x.cpuUs),
      us,
    ),
  );
  for (const [label, s] of [
    ['warden GET /api/health', health],
    ['warden GET /api/system/status', status],
    ['warden GET /api/system/status, AUTH_ENABLED (JWT)', statusAuth],
  ] as const) {
    line(label, describe(s));
    line(
      '  req/s as a ratio of bare fastify, same round',
      range(
        perRound(s, bare, (x) => x.rps),
        times,
      ),
    );
    line(
      '  server CPU per request (× bare fastify)',
      `${range(
        s.map((x) => x.cpuUs),
        us,
      )} (${range(
        perRound(s, bare, (x) => x.cpuUs),
        times,
      )})`,
    );
  }
  const healthRatio = median(perRound(health, bare, (x) => x.rps));
  const statusRps = median(status.map((x) => x.rps));
  const statusP99 = median(status.map((x) => x.p99));
  const verdict = (met: boolean) => (met ? 'met' : "not met on this run (figures vary with the machine's load)");
  line(
    `target: health ≥ ${HEALTH_RATIO_TARGET}× bare (median of rounds)`,
    `${verdict(healthRatio >= HEALTH_RATIO_TARGET)}: ${times(healthRatio)}`,
  );
  line(
    `target: status ≥ ${STATUS_RPS_TARGET.toLocaleString('en')} req/s, p99 < ${STATUS_P99_TARGET_MS} ms (medians)`,
    `${verdict(statusRps >= STATUS_RPS_TARGET && statusP99 < STATUS_P99_TARGET_MS)}: ${rps(statusRps)}, p99 ${wholeMs(statusP99)}`,
  );
}
