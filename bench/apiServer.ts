// A child process of `npm run bench` (bench/apiThroughput.ts): serves either a bare fastify app or
// a real `warden start` (paper, AI off, Telegram off, SQLite in a temp dir, the fake Binance server
// reached through BINANCE_BASE_URL), then sends `{ url, token? }` to its parent over IPC and runs
// until it is disconnected. The load generator runs in the parent, so both servers are measured
// with the same client on the same machine.
//   node --import tsx bench/apiServer.ts bare|warden|warden-auth
import { Writable } from 'node:stream';
import { startWarden } from '@warden/cli/runtime/startWarden';
import { BTC_2021_WEEK, recordedMarket, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { makeTempDir } from '@warden/testkit/tempDir';
import Fastify from 'fastify';

const kind = process.argv[2] ?? 'warden';
const send = (message: Record<string, unknown>): void => {
  process.send?.(message);
};

/** The baseline: fastify's own hello-world, JSON answer, no logger, no hooks. */
async function bare(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify();
  app.get('/api/health', async () => ({ status: 'ok', version: '0.1.0', time: Date.now(), authEnabled: false }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

const USER = 'bench';
const PASSWORD = 'bench-password-1234';

/** `warden start` as a user runs it, with the log lines written where `warden start > file` would. */
async function warden(auth: boolean): Promise<{ url: string; token?: string; close: () => Promise<void> }> {
  const DAY = 86_400_000;
  const fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * DAY + 1000 });
  const tmp = makeTempDir('warden-bench-http-');
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const env: Record<string, string> = {
    BINANCE_BASE_URL: fake.url,
    DATABASE_PATH: `${tmp.dir}/warden.db`,
    PORT: '0',
    LOG_LEVEL: 'info',
    TRADING_MODE: 'paper',
    AI_ENABLED: 'false',
    ...(auth ? { AUTH_ENABLED: 'true', AUTH_TOKEN_SECRET: 'bench-token-secret-0123456789abcdef' } : {}),
  };
  if (auth) {
    // The same table `warden users add` writes to, before the server starts.
    const { openStore } = await import('@warden/storage/openStore');
    const { hashPassword } = await import('@warden/api/auth/passwords');
    const store = openStore(env.DATABASE_PATH as string);
    store.users.create({ username: USER, role: 'viewer', passwordHash: await hashPassword(PASSWORD), now: Date.now() });
    store.close();
  }
  const runtime = await startWarden({ env, logDestination: discard });
  let token: string | undefined;
  if (auth) {
    const res = await fetch(`${runtime.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER, password: PASSWORD }),
    });
    token = ((await res.json()) as { token: string }).token;
  }
  return {
    url: runtime.url,
    ...(token ? { token } : {}),
    close: async () => {
      await runtime.stop('bench end');
      await fake.close();
      tmp.cleanup();
    },
  };
}

const server = kind === 'bare' ? await bare() : await warden(kind === 'warden-auth');
send({ url: server.url, ...('token' in server ? { token: server.token } : {}) });
// The parent asks for this process's CPU time around a load run: CPU per request is steadier than
// requests per second when other jobs share the machine.
process.on('message', (message) => {
  if (message === 'cpu') send({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
