import { LiveUpdates } from '@warden/core/app/liveUpdates';
import { type AppConfig, parseConfig } from '@warden/core/config/parseConfig';
import type { Role } from '@warden/core/config/schema';
import { ManualClock } from '@warden/core/ports/clock';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { hashPassword } from '../auth/passwords.js';
import type { ApiDeps } from '../deps.js';
import { buildApiServer } from '../server.js';
import { type AdvisorInputFor, realServices, type TestServices } from './realServices.js';

export const TEST_SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const PASSWORD = 'correct horse battery staple';
export const START = Date.UTC(2025, 0, 1);

/** Test-only: parsed response bodies are asserted field by field, so they stay untyped here. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type JsonBody = any;

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly store: SqliteStore;
  readonly clock: ManualClock;
  readonly config: AppConfig;
  readonly live: LiveUpdates;
  readonly services: TestServices;
  request(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: JsonBody; text: string; headers: Headers }>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1:<random port> over a fresh SQLite file, with users viewer/operator/admin when auth is on. */
export async function startApi(
  options: {
    auth: boolean;
    env?: Record<string, string>;
    webRoot?: string | null;
    deps?: Partial<ApiDeps>;
    streamKeepAliveMs?: number;
    /** Another part's database file to share (e.g. a live-trading rig's), left in place on close. */
    databasePath?: string;
    /** What each pair's advisor decides from (see realServices). */
    advisorInput?: AdvisorInputFor;
  } = {
    auth: true,
  },
): Promise<ApiHarness> {
  const db = options.databasePath ? { path: options.databasePath, cleanup: () => {} } : tempDbPath('warden-api-');
  const config = parseConfig({
    DATABASE_PATH: db.path,
    AUTH_ENABLED: String(options.auth),
    ...(options.auth ? { AUTH_TOKEN_SECRET: TEST_SECRET } : {}),
    ...options.env,
  });
  const store = openStore(db.path);
  const clock = new ManualClock(START);
  const live = new LiveUpdates();
  const services = realServices(store, config, clock, live, options.advisorInput);
  if (options.auth) {
    const passwordHash = await hashPassword(PASSWORD);
    for (const role of ['viewer', 'operator', 'admin'] as Role[]) store.users.create({ username: role, passwordHash, role, now: START });
  }
  const app = await buildApiServer(
    {
      config,
      store,
      control: services.control,
      approvals: services.approvals,
      advisor: services.advisor,
      liveUpdates: live,
      clock,
      logger: pino({ level: process.env.WARDEN_TEST_LOG ?? 'silent' }),
      strategyInfo: () => ({
        name: 'grid',
        params: { levels: 10 },
        tunable: [{ key: 'levels', min: 2, max: 50, integer: true, description: 'grid levels' }],
        describe: { levels: [100, 101] },
      }),
      webRoot: options.webRoot ?? null,
      // Stands in for the live engine until it exists: audits like it will.
      liveOrders: {
        place: async (input, actor) =>
          store.audit.append({
            time: clock.now(),
            type: 'live.order_requested',
            actor: actor.id,
            reason: 'manual live order',
            inputs: input,
            outcome: 'accepted',
          }),
      },
      ...options.deps,
    },
    { streamKeepAliveMs: options.streamKeepAliveMs ?? 15_000, checkResponses: true },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const request: ApiHarness['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };

  return {
    app,
    url,
    store,
    clock,
    config,
    live,
    services,
    request,
    async login(username, password = PASSWORD) {
      const res = await request('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return res.body.token as string;
    },
    async close() {
      await app.close();
      store.close();
      db.cleanup();
    },
  };
}
