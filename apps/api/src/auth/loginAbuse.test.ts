import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, PASSWORD, startApi } from '../testing/apiHarness.js';

let h: ApiHarness;
afterEach(() => h.close());

/** A login as sent by the client `from` (an X-Forwarded-For address; believed only with TRUST_PROXY). */
const login = (username: string, password: string, from?: string) =>
  h.request('POST', '/api/auth/login', { body: { username, password }, headers: from ? { 'x-forwarded-for': from } : {} });

const ATTACKER = '203.0.113.66';
const OWNER = '198.51.100.7';

describe('concurrent logins', () => {
  it('50 parallel wrong guesses: exactly AUTH_LOGIN_MAX_ATTEMPTS are checked, every other one gets 429 with Retry-After', async () => {
    h = await startApi({ auth: true });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login('admin', `guess-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
    expect(answers.filter((a) => a.status === 429).every((a) => Number(a.headers.get('retry-after')) >= 1)).toBe(true);
    // Right after the burst, the right password from the same client is refused too: no token.
    const right = await login('admin', PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.token).toBeUndefined();
  });

  it('a right password among parallel guesses beyond the limit gets no token: only the budget is ever checked', async () => {
    h = await startApi({ auth: true, env: { AUTH_LOGIN_MAX_ATTEMPTS: '5' } });
    for (let i = 0; i < 4; i++) expect((await login('admin', `guess-${i}`)).status).toBe(401);
    // One attempt left: of these 40, whichever arrives first is checked, all the others are refused unchecked.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('admin', i === 20 ? PASSWORD : `more-${i}`)));
    const checked = answers.filter((a) => a.status !== 429);
    expect(checked).toHaveLength(1);
    const rightOne = answers[20];
    if (rightOne?.status !== 200) expect(rightOne?.body.token).toBeUndefined();
    expect(answers.filter((a) => a.body?.token)).toHaveLength(rightOne?.status === 200 ? 1 : 0);
  });
});

describe('guessing never locks the owner out (TRUST_PROXY=127.0.0.1: the test client is the proxy)', () => {
  it('an attacker guessing from client A does not stop the owner logging in from client B; the attacker stays slowed', async () => {
    h = await startApi({ auth: true, env: { AUTH_LOGIN_MAX_ATTEMPTS: '3', TRUST_PROXY: '127.0.0.1' } });
    const guesses = [];
    for (let i = 0; i < 10; i++) guesses.push((await login('admin', `guess-${i}`, ATTACKER)).status);
    expect(guesses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);

    const owner = await login('admin', PASSWORD, OWNER);
    expect(owner.status).toBe(200);
    expect(owner.body.token).toEqual(expect.any(String));

    // The owner's success frees nobody else: the attacker still waits, and each further miss doubles the wait.
    const still = await login('admin', 'guess-x', ATTACKER);
    expect(still.status).toBe(429);
    expect(still.headers.get('retry-after')).toBe('1');
    h.clock.advance(1000);
    expect((await login('admin', 'guess-y', ATTACKER)).status).toBe(401);
    const slower = await login('admin', 'guess-z', ATTACKER);
    expect(slower.status).toBe(429);
    expect(slower.headers.get('retry-after')).toBe('2');
    // The audit names the real client behind the proxy.
    const failed = h.store.audit.list({ type: 'auth.login_failed' }, { limit: 1 }).items[0];
    expect(failed?.inputs).toEqual({ ip: ATTACKER });
  });

  it('the owner gets in from a new client even while many clients guess at the same name', async () => {
    h = await startApi({ auth: true, env: { AUTH_LOGIN_MAX_ATTEMPTS: '2', TRUST_PROXY: '127.0.0.1' } });
    for (let bot = 0; bot < 8; bot++) for (let i = 0; i < 3; i++) await login('admin', `guess-${i}`, `192.0.2.${bot + 1}`);
    // A fresh bot gets one guess, then waits.
    expect((await login('admin', 'one-more', '192.0.2.200')).status).toBe(401);
    expect((await login('admin', 'two-more', '192.0.2.200')).status).toBe(429);
    expect((await login('admin', PASSWORD, OWNER)).status).toBe(200);
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a guesser cannot pose as a new client on every try', async () => {
    h = await startApi({ auth: true, env: { AUTH_LOGIN_MAX_ATTEMPTS: '3' } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await login('admin', `guess-${i}`, `192.0.2.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
