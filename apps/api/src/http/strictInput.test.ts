import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../testing/apiHarness.js';
import { dbSnapshot } from '../testing/dbSnapshot.js';
import { ROUTES } from '../testing/routeTable.js';

describe('unknown query parameters are refused on every route, and refused requests change nothing', () => {
  let h: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    h = await startApi({ auth: true });
    admin = await h.login('admin');
  });
  afterAll(() => h.close());

  for (const route of ROUTES) {
    it(`${route.method} ${route.path} with ?foo=bar → 400 naming query.foo`, async () => {
      const path = route.arrange ? route.arrange(h) : route.path;
      const before = dbSnapshot(h.store.sqlite);
      const res = await h.request(route.method, `${path}${path.includes('?') ? '&' : '?'}foo=bar`, {
        token: route.access === 'public' ? null : admin,
        body: route.body,
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'query.foo' } });
      expect(res.body.error.message).toContain('query.foo: unknown field');
      expect(dbSnapshot(h.store.sqlite)).toBe(before);
    });
  }

  it('the OpenAPI document refuses unknown parameters too', async () => {
    const res = await h.request('GET', '/api/openapi.json?foo=bar');
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('query.foo');
  });

  it('POST /api/system/pause?foo=bar does not pause', async () => {
    h.store.config.set(CONFIG_KEYS.tradingState, 'RUNNING', 'test', h.clock.now());
    expect((await h.request('POST', '/api/system/pause?foo=bar', { token: admin, body: { reason: 'x' } })).status).toBe(400);
    expect(h.services.control.state()).toBe('RUNNING');
  });
});

describe('HEAD /api/stream', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi({ auth: true });
  });
  afterAll(() => h.close());

  it('answers at once with the stream headers and no body, and holds no subscription', async () => {
    const token = await h.login('viewer');
    const res = await fetch(`${h.url}/api/stream`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(await res.text()).toBe('');
    expect(h.live.subscriberCount).toBe(0);
    expect((await fetch(`${h.url}/api/stream`, { method: 'HEAD' })).status).toBe(401);
  });
});
