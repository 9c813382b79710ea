import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BTC_2021_WEEK, recordedMarket, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { makeTempDir } from '@warden/testkit/tempDir';
import { BARE_FASTIFY, WARDEN_BIN } from './paths.js';
import { type ServerProcess, startServer } from './server.js';

const USER = 'bench';
const PASSWORD = 'bench-password-1234';

/** A server under load: its URL, its process (for CPU time and memory) and a bearer token when it needs one. */
export interface ApiServer {
  readonly process: ServerProcess;
  readonly url: string;
  readonly token?: string;
}

export interface ApiServers {
  /** The baseline: fastify's hello-world answering `/api/health` (bench/baselines/bareFastify.mjs). */
  readonly bare: ApiServer;
  /** `warden start` as a user runs it (compiled command, paper, AI and Telegram off, cycles every 2 s). */
  readonly warden: ApiServer;
  /** The same with `AUTH_ENABLED=true` and a logged-in viewer; only when asked for. */
  readonly wardenAuth?: ApiServer;
  stop(): Promise<void>;
}

/**
 * Starts the servers both API figures are measured on, each in its own process: the bare fastify
 * app, and a real `warden start` (the `warden` command, as users start it) against the fake
 * Binance server (which runs in the bench's process), with SQLite in a temp dir and `LOG_LEVEL=info`
 * (its log goes to a pipe the bench reads, as `warden start > file` would). Resolves once the
 * scheduler of each Warden has started.
 */
export async function startApiServers(options: { readonly auth: boolean }): Promise<ApiServers> {
  const fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * 86_400_000, speed: 1 });
  const dirs: Array<{ cleanup: () => void }> = [];
  const started: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
    await fake.close();
    for (const d of dirs) d.cleanup();
  };
  try {
    const startWarden = async (auth: boolean): Promise<ApiServer> => {
      const tmp = makeTempDir('warden-bench-start-');
      dirs.push(tmp);
      const env: Record<string, string> = {
        BINANCE_BASE_URL: fake.url,
        DATABASE_PATH: `${tmp.dir}/warden.db`,
        PORT: '0',
        LOG_LEVEL: 'info',
        TRADING_ACTIVE_STRATEGY: 'ema_crossover',
        TRADING_CYCLE_SECONDS: '2',
        AI_ENABLED: 'false',
        TELEGRAM_BOT_TOKEN: '',
        ...(auth ? { AUTH_ENABLED: 'true', AUTH_TOKEN_SECRET: 'bench-token-secret-0123456789abcdef' } : {}),
      };
      if (auth) await addViewer(env.DATABASE_PATH as string);
      const server = await startServer([WARDEN_BIN, 'start'], env, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      started.push(server);
      await server.waitFor('scheduler started');
      return { process: server, url: server.url, ...(auth ? { token: await login(server.url) } : {}) };
    };
    const bareProcess = await startServer([BARE_FASTIFY], {}, /(http:\/\/127\.0\.0\.1:\d+)/);
    started.push(bareProcess);
    const warden = await startWarden(false);
    const wardenAuth = options.auth ? await startWarden(true) : undefined;
    return { bare: { process: bareProcess, url: bareProcess.url }, warden, ...(wardenAuth ? { wardenAuth } : {}), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A viewer in the users table before the server starts (the table `warden users add` writes to). */
async function addViewer(databasePath: string): Promise<void> {
  const { openStore } = await import('@warden/storage/openStore');
  const { hashPassword } = await import('@warden/api/auth/passwords');
  const store = openStore(databasePath);
  try {
    store.users.create({ username: USER, role: 'viewer', passwordHash: await hashPassword(PASSWORD), now: Date.now() });
  } finally {
    store.close();
  }
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`bench login failed: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

let clockTicks: number | undefined;

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
  return (ticks / clockTicks) * 1000;
}
