import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../testing/apiHarness.js';
import { dbSnapshot as snapshot } from '../testing/dbSnapshot.js';
import { ROUTES } from '../testing/routeTable.js';

interface BadRequest {
  readonly name: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly contentType?: string;
  readonly path?: (path: string) => string;
  readonly status: number;
  readonly field: string;
}

const HUGE = { reason: 'x'.repeat(100_000) };

/** Bad input every write route must refuse, plus the route's own wrong-type and missing-field cases. */
const COMMON: readonly BadRequest[] = [
  { name: 'malformed JSON', rawBody: '{"reason": ', status: 400, field: 'body' },
  { name: 'a JSON array instead of an object', body: [1, 2], status: 400, field: 'body' },
  { name: 'a body over the size limit', body: HUGE, status: 413, field: 'body' },
  { name: 'a non-JSON content type', rawBody: 'reason=x', contentType: 'application/x-www-form-urlencoded', status: 415, field: 'body' },
  { name: 'a prototype-poisoning key', rawBody: '{"__proto__": {"role": "admin"}}', status: 400, field: 'body' },
];

const SPECIFIC: Record<string, readonly BadRequest[]> = {
  '/api/auth/login': [
    { name: 'a number as username', body: { username: 5, password: 'x' }, status: 400, field: 'body.username' },
    { name: 'a missing password', body: { username: 'admin' }, status: 400, field: 'body.password' },
    { name: 'an unknown field', body: { username: 'admin', password: 'x', role: 'admin' }, status: 400, field: 'body.role' },
  ],
  '/api/auth/logout': [{ name: 'an unknown field', body: { everywhere: true }, status: 400, field: 'body.everywhere' }],
  '/api/system/pause': [
    { name: 'a number as reason', body: { reason: 5 }, status: 400, field: 'body.reason' },
    { name: 'an unknown field', body: { reason: 'x', force: true }, status: 400, field: 'body.force' },
  ],
  '/api/system/resume': [{ name: 'an unknown field', body: { state: 'RUNNING' }, status: 400, field: 'body.state' }],
  '/api/system/emergency-stop': [
    { name: 'a reason over 500 characters', body: { reason: 'x'.repeat(501) }, status: 400, field: 'body.reason' },
  ],
  '/api/system/manual-resume': [
    { name: 'no body', status: 400, field: 'body' },
    { name: 'a missing reason', body: {}, status: 400, field: 'body.reason' },
    { name: 'a blank reason', body: { reason: '   ' }, status: 400, field: 'body.reason' },
    { name: 'an unknown field', body: { reason: 'ok', role: 'admin' }, status: 400, field: 'body.role' },
  ],
  '/api/scheduler/start': [{ name: 'an unknown field', body: { now: true }, status: 400, field: 'body.now' }],
  '/api/scheduler/stop': [{ name: 'a string body', body: 'stop', status: 400, field: 'body' }],
  '/api/approvals/:id/approve': [
    { name: 'a number as comment', body: { comment: 5 }, status: 400, field: 'body.comment' },
    { name: 'an unknown field', body: { comment: 'ok', status: 'APPROVED' }, status: 400, field: 'body.status' },
    { name: 'a non-numeric id', path: (p) => p.replace(/\/\d+\//, '/abc/'), status: 400, field: 'params.id' },
  ],
  '/api/approvals/:id/reject': [
    { name: 'a negative id', path: (p) => p.replace(/\/\d+\//, '/-3/'), status: 400, field: 'params.id' },
    { name: 'an unknown field', body: { why: 'no' }, status: 400, field: 'body.why' },
  ],
  '/api/advisor/run': [
    { name: 'an unknown field', body: { provider: 'openai' }, status: 400, field: 'body.provider' },
    { name: 'a malformed pair', body: { symbol: 'btc-usdt' }, status: 400, field: 'body.symbol' },
    { name: 'a pair not traded', body: { symbol: 'XRP/USDT' }, status: 400, field: 'body.symbol' },
  ],
  '/api/pairs/pause': [
    { name: 'no pair', body: { reason: 'news' }, status: 400, field: 'body.symbol' },
    { name: 'a pair not traded', body: { symbol: 'XRP/USDT' }, status: 400, field: 'body.symbol' },
    { name: 'a malformed pair', body: { symbol: 'BTCUSDT' }, status: 400, field: 'body.symbol' },
    { name: 'an unknown field', body: { symbol: 'BTC/USDT', all: true }, status: 400, field: 'body.all' },
  ],
  '/api/pairs/resume': [
    { name: 'a number as pair', body: { symbol: 5 }, status: 400, field: 'body.symbol' },
    { name: 'a reason over 500 characters', body: { symbol: 'BTC/USDT', reason: 'x'.repeat(501) }, status: 400, field: 'body.reason' },
  ],
  '/api/users': [
    { name: 'a short password', body: { username: 'eve', role: 'viewer', password: 'short' }, status: 400, field: 'body.password' },
    { name: 'an unknown role', body: { username: 'eve', role: 'root', password: 'long enough' }, status: 400, field: 'body.role' },
    { name: 'a missing username', body: { role: 'viewer', password: 'long enough' }, status: 400, field: 'body.username' },
    {
      name: 'an unknown field',
      body: { username: 'eve', role: 'viewer', password: 'long enough', tokenVersion: 0 },
      status: 400,
      field: 'body.tokenVersion',
    },
  ],
  'PATCH /api/users/:username': [
    { name: 'an unknown role', body: { role: 'root' }, status: 400, field: 'body.role' },
    { name: 'an unknown field', body: { username: 'renamed' }, status: 400, field: 'body.username' },
    { name: 'nothing to change', body: {}, status: 400, field: 'role' },
    {
      name: 'a bad user name',
      body: { role: 'viewer' },
      path: (p) => p.replace(/[^/]+$/, 'not%20valid'),
      status: 400,
      field: 'params.username',
    },
  ],
  'DELETE /api/users/:username': [
    { name: 'an unknown field', body: { force: true }, status: 400, field: 'body.force' },
    { name: 'a bad user name', path: (p) => p.replace(/[^/]+$/, 'x'.repeat(65)), status: 400, field: 'params.username' },
  ],
  '/api/live/orders': [
    {
      name: 'a number as quantity',
      body: { symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', quantity: 1, reason: 'x' },
      status: 400,
      field: 'body.quantity',
    },
    {
      name: 'an unknown side',
      body: { symbol: 'BTC/USDT', side: 'SHORT', type: 'MARKET', quantity: '1', reason: 'x' },
      status: 400,
      field: 'body.side',
    },
    {
      name: 'an unknown field',
      body: { symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', quantity: '1', reason: 'x', leverage: 10 },
      status: 400,
      field: 'body.leverage',
    },
  ],
};

describe('write routes refuse bad input with 4xx naming the field, and change nothing', () => {
  let h: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    h = await startApi({ auth: true });
    admin = await h.login('admin');
  });
  afterAll(() => h.close());

  const writeRoutes = ROUTES.filter((r) => r.method !== 'GET');
  // POST routes are keyed by path; other methods by "METHOD path" (PATCH and DELETE share a path).
  const keyOf = (r: (typeof ROUTES)[number]) => (r.method === 'POST' ? r.path : `${r.method} ${r.path}`);
  it('covers every write route', () => {
    expect(Object.keys(SPECIFIC).sort()).toEqual(writeRoutes.map(keyOf).sort());
  });

  for (const route of writeRoutes) {
    for (const bad of [...COMMON, ...(SPECIFIC[keyOf(route)] ?? [])]) {
      it(`${keyOf(route)} with ${bad.name} → ${bad.status} naming ${bad.field}`, async () => {
        const path = route.arrange ? route.arrange(h) : route.path;
        const before = snapshot(h.store.sqlite);
        const res = await h.request(route.method, bad.path ? bad.path(path) : path, {
          token: admin,
          body: bad.body,
          rawBody: bad.rawBody,
          headers: bad.contentType ? { 'content-type': bad.contentType } : {},
        });
        expect(res.status).toBe(bad.status);
        expect(res.body.error.details.field).toBe(bad.field);
        expect(res.body.error.message).toContain(bad.field === 'body' ? '' : bad.field);
        expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
        expect(snapshot(h.store.sqlite)).toBe(before);
      });
    }
  }
});
