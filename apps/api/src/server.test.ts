import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { describeAuthStartup } from './auth/startupMessage.js';
import { type ApiHarness, startApi } from './testing/apiHarness.js';
import { insertProposal } from './testing/realServices.js';
import { ROUTES } from './testing/routeTable.js';

let h: ApiHarness | null = null;
let cleanupDir: () => void = () => {};
afterEach(async () => {
  await h?.close();
  h = null;
  cleanupDir();
});

const SECRETS = {
  AUTH_TOKEN_SECRET: 'auth-secret-9f8e7d6c5b4a39281716151413121110',
  BINANCE_API_KEY: 'binance-key-AAAAAAAAAAAAAAAA',
  BINANCE_API_SECRET: 'binance-secret-BBBBBBBBBBBBBBBB',
  OPENAI_API_KEY: 'sk-openai-CCCCCCCCCCCCCCCC',
  ANTHROPIC_API_KEY: 'sk-ant-DDDDDDDDDDDDDDDD',
  TELEGRAM_BOT_TOKEN: '123456:telegram-EEEEEEEEEEEEEEEE',
  TELEGRAM_WEBHOOK_SECRET: 'webhook-FFFFFFFFFFFFFFFF',
};

describe('GET /api/config', () => {
  it('never returns a secret: each is "[redacted]", and runtime config table entries are listed', async () => {
    h = await startApi({ auth: true, env: SECRETS });
    const admin = await h.login('admin');
    await h.request('POST', '/api/system/pause', { token: admin });
    const res = await h.request('GET', '/api/config', { token: admin });
    expect(res.status).toBe(200);
    for (const value of Object.values(SECRETS)) expect(res.text).not.toContain(value);
    expect(res.body.env.BINANCE_API_SECRET).toBe('[redacted]');
    expect(res.body.env.AUTH_TOKEN_SECRET).toBe('[redacted]');
    expect(res.body.env.GEMINI_API_KEY).toBeNull();
    expect(res.body.runtime).toContainEqual(expect.objectContaining({ key: 'system.state', value: 'PAUSED', updatedBy: 'user:admin' }));
  });
});

describe('control through the API', () => {
  it('emergency stop cancels open paper orders; leaving it needs an admin and a reason; all of it is in /api/events', async () => {
    h = await startApi({ auth: true });
    const [operator, admin] = [await h.login('operator'), await h.login('admin')];
    const now = h.clock.now();
    const placed = await h.services.broker.submit(
      {
        clientOrderId: 'w-1',
        symbol: 'BTC/USDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '0.01',
        price: '30000',
        cycleId: 'c1',
        reason: 'grid level',
        tag: null,
      },
      { now, price: 40_000, high: 40_000, low: 40_000, volume: 0 },
    );
    for (const order of placed.orders) h.store.orders.insert(order);
    expect(h.store.orders.open('BTC/USDT')).toHaveLength(1);

    const stop = await h.request('POST', '/api/system/emergency-stop', { token: operator, body: { reason: 'exchange outage' } });
    expect(stop.status).toBe(200);
    expect(stop.body.cancellation.canceled.map((o: { clientOrderId: string }) => o.clientOrderId)).toEqual(['w-1']);
    expect(h.store.orders.byClientId('w-1')?.status).toBe('CANCELED');
    expect(await h.services.broker.openOrders('BTC/USDT')).toHaveLength(0);

    expect((await h.request('POST', '/api/system/resume', { token: admin })).status).toBe(409); // a plain resume cannot leave EMERGENCY_STOP
    expect((await h.request('POST', '/api/system/manual-resume', { token: operator, body: { reason: 'fine now' } })).status).toBe(403);
    expect((await h.request('POST', '/api/system/manual-resume', { token: admin, body: { reason: '' } })).status).toBe(400);
    const resumed = await h.request('POST', '/api/system/manual-resume', {
      token: admin,
      body: { reason: 'exchange back, orders checked' },
    });
    expect(resumed.body).toEqual({ from: 'EMERGENCY_STOP', to: 'RUNNING' });

    const events = await h.request('GET', '/api/events?typePrefix=state.', { token: operator });
    expect(events.body.items.map((e: { type: string; actor: string; reason: string }) => [e.type, e.actor, e.reason])).toEqual([
      ['state.manual_resume', 'user:admin', 'exchange back, orders checked'],
      ['state.emergency_stop', 'user:operator', 'exchange outage'],
    ]);
    expect((await h.request('GET', '/api/events/verify', { token: operator })).body).toMatchObject({ ok: true });
  });

  it('maps domain refusals to 404 / 409 with the service message', async () => {
    h = await startApi({ auth: true });
    const operator = await h.login('operator');
    expect((await h.request('POST', '/api/approvals/999/approve', { token: operator })).status).toBe(404);
    const id = insertProposal(h.store, h.clock.now()).id;
    expect((await h.request('POST', `/api/approvals/${id}/approve`, { token: operator })).status).toBe(200);
    const again = await h.request('POST', `/api/approvals/${id}/reject`, { token: operator });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already APPROVED');

    h.services.runtime.dataReady = false;
    const start = await h.request('POST', '/api/scheduler/start', { token: operator });
    expect(start.status).toBe(409);
    expect(start.body.error.code).toBe('DATA_NOT_READY');
  });

  it('pages read models with a cursor and refuses a page size above the maximum', async () => {
    h = await startApi({ auth: true });
    const viewer = await h.login('viewer');
    for (let i = 0; i < 5; i++) insertProposal(h.store, h.clock.now());
    const first = await h.request('GET', '/api/approvals?limit=2', { token: viewer });
    const second = await h.request('GET', `/api/approvals?limit=2&cursor=${first.body.nextCursor}`, { token: viewer });
    expect(first.body.items.map((a: { id: number }) => a.id)).toEqual([5, 4]);
    expect(second.body.items.map((a: { id: number }) => a.id)).toEqual([3, 2]);
    const tooBig = await h.request('GET', '/api/events?limit=501', { token: viewer });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.details.field).toBe('query.limit');
    const typo = await h.request('GET', '/api/orders?staus=NEW', { token: viewer });
    expect(typo.body.error.details.field).toBe('query.staus');
  });
});

describe('errors', () => {
  it('an unexpected failure is a 500 with a request id and no message or stack', async () => {
    h = await startApi({
      auth: false,
      deps: {
        strategyInfo: () => {
          throw new Error('boom in /home/secret/path.ts');
        },
      },
    });
    const res = await h.request('GET', '/api/strategy');
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({
      code: 'INTERNAL',
      message: 'internal error; see the server log',
      details: { requestId: expect.any(String) },
    });
    expect(res.text).not.toContain('boom');
  });

  it('unknown API routes get the JSON 404', async () => {
    h = await startApi({ auth: false });
    const res = await h.request('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('documents every route at /api/openapi.json with bearer auth, and serves the docs UI at /api/docs', async () => {
    h = await startApi({ auth: true });
    const doc = await h.request('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const route of ROUTES) {
      const path = route.path.split('?')[0]?.replace(/:(\w+)/g, '{$1}') ?? '';
      expect(doc.body.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(doc.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const ui = await h.request('GET', '/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('Swagger UI');
  });
});

describe('web panel', () => {
  it('serves the built panel at / with SPA fallback for HTML navigations only', async () => {
    const dir = makeTempDir('warden-web-');
    cleanupDir = dir.cleanup;
    mkdirSync(join(dir.dir, 'assets'));
    writeFileSync(join(dir.dir, 'index.html'), '<!doctype html><title>Warden panel</title>');
    writeFileSync(join(dir.dir, 'assets', 'app.js'), 'console.log(1)');
    h = await startApi({ auth: false, webRoot: dir.dir });
    expect((await h.request('GET', '/')).text).toContain('Warden panel');
    expect((await h.request('GET', '/assets/app.js')).text).toBe('console.log(1)');
    expect((await h.request('GET', '/approvals/7', { headers: { accept: 'text/html' } })).text).toContain('Warden panel');
    expect((await h.request('GET', '/assets/missing.js')).status).toBe(404);
    expect((await h.request('GET', '/api/missing', { headers: { accept: 'text/html' } })).body.error.code).toBe('NOT_FOUND');
  });
});

describe('describeAuthStartup', () => {
  it('asks for a first admin only when auth is on and the users table is empty', async () => {
    h = await startApi({ auth: true });
    expect(describeAuthStartup(h.config, h.store)).toBeNull();
    for (const u of h.store.users.list()) h.store.users.remove(u.username);
    expect(describeAuthStartup(h.config, h.store)).toBe(
      'auth is on and there are no users yet: create the first admin with `npx warden users add admin --role admin`',
    );
    expect(describeAuthStartup({ ...h.config, AUTH_ENABLED: false }, h.store)).toBeNull();
  });
});

describe('Telegram webhook mount', () => {
  it('mounts the handler at the path of TELEGRAM_WEBHOOK_URL, outside bearer auth, with room for large updates', async () => {
    const received: unknown[] = [];
    const handler = (async (request: { body: unknown }, reply: { send(body: unknown): unknown }) => {
      received.push(request.body);
      return reply.send({ ok: true });
    }) as unknown as NonNullable<import('./deps.js').ApiDeps['telegramWebhook']>;
    h = await startApi({
      auth: true,
      env: {
        TELEGRAM_BOT_TOKEN: '1:abc',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://warden.example/tg/hook',
        TELEGRAM_WEBHOOK_SECRET: 'hook-secret-0123456789',
      },
      deps: { telegramWebhook: handler },
    });
    const update = { update_id: 7, message: { text: 'x'.repeat(20_000) } };
    const res = await h.request('POST', '/tg/hook', { body: update });
    expect(res.status).toBe(200);
    expect(received).toEqual([update]);
  });
});
