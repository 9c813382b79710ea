// `npm run bench -- api-throughput`: requests per second and p99 latency of Warden's API under load
// (autocannon, 20 connections), each as a ratio against a bare fastify app measured in the same
// round on the same machine, so the figures mean something on a shared, noisy machine.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const CONNECTIONS = 20;
const WARM_UP_SECONDS = 2;
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 5);
/** Issue 17's targets. */
const HEALTH_RATIO_TARGET = 0.5;
const STATUS_RPS_TARGET = 10_000;
const STATUS_P99_TARGET_MS = 5;

interface Server {
  readonly url: string;
  readonly token?: string;
  readonly child: ChildProcess;
}

interface Sample {
  readonly rps: number;
  readonly p99: number;
  /** The server process's CPU time (user + system) per request answered, µs: steadier than req/s on a busy machine. */
  readonly cpuUs: number;
}

/** Starts bench/apiServer.ts in a child process (its own event loop, like a real server) and waits for its URL. */
function startServer(kind: 'bare' | 'warden' | 'warden-auth'): Promise<Server> {
  const child = fork(fileURLToPath(new URL('./apiServer.ts', import.meta.url)), [kind], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ ...(message as { url: string; token?: string }), child }));
    child.once('exit', (code) => reject(new Error(`bench/apiServer.ts ${kind} exited with code ${code} before listening`)));
  });
}

function serverCpu(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.child.once('message', (message) => {
      const { cpu } = message as { cpu: NodeJS.CpuUsage };
      resolve(cpu.user + cpu.system);
    });
    server.child.send('cpu');
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.disconnect();
  });
}

async function load(server: Server, path: string, warmUp: boolean): Promise<Sample> {
  const options = {
    url: server.url + path,
    connections: CONNECTIONS,
    ...(server.token ? { headers: { authorization: `Bearer ${server.token}` } } : {}),
  };
  if (warmUp) await autocannon({ ...options, duration: WARM_UP_SECONDS });
  const cpuBefore = await serverCpu(server);
  const result = await autocannon({ ...options, duration: SECONDS });
  const cpu = (await serverCpu(server)) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${path}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { rps: result.requests.average, p99: result.latency.p99, cpuUs: cpu / result.requests.total };
}

const rps = (n: number) => `${Math.round(n).toLocaleString('en')} req/s`;
const range = (values: readonly number[], format: (n: number) => string) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return sorted.length > 1
    ? `${format(median)} (${format(sorted[0] as number)}–${format(sorted[sorted.length - 1] as number)})`
    : format(median);
};

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
}

export async function apiThroughput(): Promise<void> {
  process.stdout.write(
    `\n== API throughput: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per figure (${WARM_UP_SECONDS} s of warm-up first), ${ROUNDS} interleaved rounds; ` +
      'warden start (paper, AI and Telegram off, SQLite, fake Binance, LOG_LEVEL=info) vs a bare fastify app, each in its own process; median (range) ==\n',
  );
  const bare = await startServer('bare');
  const warden = await startServer('warden');
  const wardenAuth = await startServer('warden-auth');
  const figures = { bare: [] as Sample[], health: [] as Sample[], status: [] as Sample[], statusAuth: [] as Sample[] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, so a burst of load from other jobs on the machine hits every figure alike.
      const warmUp = round === 0; // the JIT's first pass, not measured
      figures.bare.push(await load(bare, '/api/health', warmUp));
      figures.health.push(await load(warden, '/api/health', warmUp));
      figures.status.push(await load(warden, '/api/system/status', warmUp));
      figures.statusAuth.push(await load(wardenAuth, '/api/system/status', warmUp));
    }
  } finally {
    await Promise.all([stopServer(bare), stopServer(warden), stopServer(wardenAuth)]);
  }
  const ratios = (samples: readonly Sample[]) => samples.map((s, i) => s.rps / (figures.bare[i] as Sample).rps);
  const cpuRatios = (samples: readonly Sample[]) => samples.map((s, i) => s.cpuUs / (figures.bare[i] as Sample).cpuUs);
  const ratio = (n: number) => `${n.toFixed(2)}×`;
  const ms = (n: number) => `${n} ms`;
  const us = (n: number) => `${n.toFixed(1)} µs`;
  const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const describe = (samples: readonly Sample[]) =>
    `${range(
      samples.map((s) => s.rps),
      rps,
    )}, p99 ${range(
      samples.map((s) => s.p99),
      ms,
    )}`;
  line('bare fastify GET /api/health', describe(figures.bare));
  line(
    '  server CPU per request',
    range(
      figures.bare.map((s) => s.cpuUs),
      us,
    ),
  );
  for (const [label, samples] of [
    ['warden GET /api/health', figures.health],
    ['warden GET /api/system/status', figures.status],
    ['warden GET /api/system/status, AUTH_ENABLED (JWT)', figures.statusAuth],
  ] as const) {
    line(label, describe(samples));
    line('  req/s as a ratio of bare fastify, same round', range(ratios(samples), ratio));
    line(
      '  server CPU per request (× bare fastify)',
      `${range(
        samples.map((s) => s.cpuUs),
        us,
      )} (${range(cpuRatios(samples), ratio)})`,
    );
  }
  const healthRatio = median(ratios(figures.health));
  const statusRps = median(figures.status.map((s) => s.rps));
  const statusP99 = median(figures.status.map((s) => s.p99));
  const verdict = (met: boolean) => (met ? 'met' : "not met on this run (figures vary with the machine's load)");
  line(
    `target: health ≥ ${HEALTH_RATIO_TARGET}× bare (median of rounds)`,
    `${verdict(healthRatio >= HEALTH_RATIO_TARGET)}: ${ratio(healthRatio)}`,
  );
  line(
    `target: status ≥ ${STATUS_RPS_TARGET.toLocaleString('en')} req/s, p99 < ${STATUS_P99_TARGET_MS} ms (medians)`,
    `${verdict(statusRps >= STATUS_RPS_TARGET && statusP99 < STATUS_P99_TARGET_MS)}: ${rps(statusRps)}, p99 ${ms(statusP99)}`,
  );
}
