import createClient, { type Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, PASSWORD, startApi } from '../testing/apiHarness.js';
import type { paths } from './openapi.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('a client generated from the OpenAPI document (openapi-typescript + openapi-fetch)', () => {
  it('logs in, reads the status, pauses and resumes a real server, with typed answers and typed errors', async () => {
    h = await startApi({ auth: true });
    const client = createClient<paths>({ baseUrl: h.url });

    const login = await client.POST('/api/auth/login', { body: { username: 'operator', password: PASSWORD } });
    expect(login.response.status).toBe(200);
    const token: string = login.data?.token ?? '';
    expect(login.data?.role).toBe('operator');

    const bearer: Middleware = {
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    };
    client.use(bearer);

    const before = await client.GET('/api/system/status');
    expect(before.data?.state).toBe('RUNNING');
    expect(before.data?.dataReadiness.every((r) => r.ready)).toBe(true);

    const paused = await client.POST('/api/system/pause', { body: { reason: 'typed client test' } });
    expect(paused.data).toEqual({ from: 'RUNNING', to: 'PAUSED' });
    expect((await client.GET('/api/system/status')).data?.state).toBe('PAUSED');

    const resumed = await client.POST('/api/system/resume', { body: {} });
    expect(resumed.data).toEqual({ from: 'PAUSED', to: 'RUNNING' });
    expect((await client.GET('/api/system/status')).data?.state).toBe('RUNNING');

    // A refusal arrives as the typed error body.
    const again = await client.POST('/api/system/resume', { body: {} });
    expect(again.response.status).toBe(409);
    expect(again.error?.error.code).toBe('ILLEGAL_TRANSITION');

    // Query parameters are typed too, and the audit log shows what the client did, as whom.
    const events = await client.GET('/api/events', { params: { query: { typePrefix: 'state.', limit: 10 } } });
    expect(events.data?.items.map((e) => [e.type, e.actor])).toEqual([
      ['state.resumed', 'user:operator'],
      ['state.paused', 'user:operator'],
    ]);
  });

  it('reads the portfolio and pauses one pair of several, with typed bodies', async () => {
    h = await startApi({ auth: false, env: { TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT' } });
    const client = createClient<paths>({ baseUrl: h.url });
    const view = await client.GET('/api/portfolio');
    expect(view.data?.pairs.map((p) => p.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    const paused = await client.POST('/api/pairs/pause', { body: { symbol: 'ETH/USDT', reason: 'typed client' } });
    expect(paused.data).toEqual({ symbol: 'ETH/USDT', from: 'RUNNING', to: 'PAUSED' });
    const curve = await client.GET('/api/portfolio/equity', { params: { query: { limit: 5 } } });
    expect(curve.data).toEqual({ items: [], nextCursor: null });
    const unknown = await client.POST('/api/pairs/resume', { body: { symbol: 'XRP/USDT' } });
    expect(unknown.response.status).toBe(400);
    expect(unknown.error?.error.details.field).toBe('body.symbol');
  });

  it('gets the typed 401 without a token', async () => {
    h = await startApi({ auth: true });
    const client = createClient<paths>({ baseUrl: h.url });
    const status = await client.GET('/api/system/status');
    expect(status.response.status).toBe(401);
    expect(status.error?.error.code).toBe('UNAUTHORIZED');
  });
});
