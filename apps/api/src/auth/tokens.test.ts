import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiHarness, PASSWORD, START, startApi, TEST_SECRET } from '../testing/apiHarness.js';
import { hashPassword } from './passwords.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;

describe('bearer tokens', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApi({ auth: true });
  });
  afterEach(() => h.close());

  const me = (token: string) => h.request('GET', '/api/auth/me', { token });

  it('login returns a token, the role and the expiry (TTL minutes later), and never the password hash', async () => {
    const res = await h.request('POST', '/api/auth/login', { body: { username: 'operator', password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token: expect.any(String), username: 'operator', role: 'operator', expiresAt: START + 60 * 60_000 });
    expect(res.text).not.toContain('argon2');
    expect((await me(res.body.token)).body).toMatchObject({ username: 'operator', role: 'operator', actor: 'user:operator' });
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await h.request('POST', '/api/auth/login', { body: { username: 'admin', password: 'nope' } });
    const unknown = await h.request('POST', '/api/auth/login', { body: { username: 'mallory', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('an expired token is refused', async () => {
    const token = await h.login('admin');
    h.clock.advance(60 * 60_000 - 1000);
    expect((await me(token)).status).toBe(200);
    h.clock.advance(2000);
    expect((await me(token)).status).toBe(401);
  });

  it('a token whose payload was changed (viewer → admin) is refused', async () => {
    const [header, payload, signature] = (await h.login('viewer')).split('.') as [string, string, string];
    const forged = `${header}.${b64({ ...decode(payload), role: 'admin', sub: 'admin' })}.${signature}`;
    expect((await me(forged)).status).toBe(401);
    expect((await h.request('POST', '/api/system/emergency-stop', { token: forged })).status).toBe(401);
  });

  it('an unsigned alg=none token is refused', async () => {
    const [, payload] = (await h.login('admin')).split('.') as [string, string];
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    expect((await me(unsigned)).status).toBe(401);
  });

  it('a token signed with another algorithm (HS512, same secret) or another secret is refused', async () => {
    const [, payload] = (await h.login('admin')).split('.') as [string, string];
    const claims = decode(payload);
    const sign = (alg: string, secret: string) => new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
    expect((await me(await sign('HS256', TEST_SECRET))).status).toBe(200); // the control: same claims, right key, right alg
    expect((await me(await sign('HS512', TEST_SECRET))).status).toBe(401);
    expect((await me(await sign('HS256', `${TEST_SECRET}-other`))).status).toBe(401);
  });

  it('logout revokes every token of that user, and only of that user', async () => {
    const first = await h.login('operator');
    const second = await h.login('operator');
    const admin = await h.login('admin');
    expect((await h.request('POST', '/api/auth/logout', { token: first })).status).toBe(200);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
    expect((await me(admin)).status).toBe(200);
    expect((await me(await h.login('operator'))).status).toBe(200);
  });

  it('a role change, a password change or removing the user revokes their tokens', async () => {
    const operator = await h.login('operator');
    h.store.users.setRole('operator', 'viewer', h.clock.now());
    expect((await me(operator)).status).toBe(401);
    const demoted = await h.login('operator');
    expect((await me(demoted)).body.role).toBe('viewer');
    expect((await h.request('POST', '/api/system/pause', { token: demoted })).status).toBe(403);

    const admin = await h.login('admin');
    h.store.users.setPasswordHash('admin', await hashPassword('another password'), h.clock.now());
    expect((await me(admin)).status).toBe(401);

    const viewer = await h.login('viewer');
    h.store.users.remove('viewer');
    expect((await me(viewer)).status).toBe(401);
  });

  it('malformed Authorization headers are 401, not 500', async () => {
    for (const authorization of ['Bearer', 'Basic YWRtaW46eA==', 'Bearer a.b.c', 'Bearer ....', `Bearer ${'x'.repeat(5000)}`]) {
      expect((await h.request('GET', '/api/auth/me', { headers: { authorization } })).status).toBe(401);
    }
  });

  it('a query-string token is accepted by the stream only', async () => {
    const token = await h.login('viewer');
    expect((await h.request('GET', `/api/system/status?token=${token}`)).status).toBe(401);
    const abort = new AbortController();
    const res = await fetch(`${h.url}/api/stream?token=${token}`, { signal: abort.signal });
    abort.abort();
    expect(res.status).toBe(200);
  });
});

describe('login rate limit', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApi({ auth: true, env: { AUTH_LOGIN_MAX_ATTEMPTS: '3' } });
  });
  afterEach(() => h.close());

  const login = (username: string, password: string) => h.request('POST', '/api/auth/login', { body: { username, password } });

  it('after AUTH_LOGIN_MAX_ATTEMPTS failures, even the right password from the same client gets 429 until its wait is over', async () => {
    for (let i = 0; i < 3; i++) expect((await login('admin', 'guess')).status).toBe(401);
    const blocked = await login('admin', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    h.clock.advance(15 * 60_000);
    expect((await login('admin', PASSWORD)).status).toBe(200);
  });

  it('failed attempts are audited, without the password', async () => {
    await login('admin', 'secret-guess-123');
    const events = h.store.audit.list({ type: 'auth.login_failed' }, { limit: 10 }).items;
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('secret-guess-123');
  });
});
