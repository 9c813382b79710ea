import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../../testing/apiHarness.js';

describe('the audit chain against untrusted text', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApi({ auth: true });
  });
  afterEach(() => h.close());

  it('lone surrogates from an anonymous login and an operator reason leave the chain verifiable; later tampering is still found', async () => {
    // JSON.stringify writes "\ud800" as the escape sequence: valid JSON, as an attacker would send it.
    const login = await h.request('POST', '/api/auth/login', { body: { username: '\ud800', password: 'guess' } });
    expect(login.status).toBe(401);
    const operator = await h.login('operator');
    expect((await h.request('POST', '/api/system/pause', { token: operator, body: { reason: 'lunch \udc00 break' } })).status).toBe(200);
    expect((await h.request('POST', '/api/system/resume', { token: operator, body: { reason: 'back' } })).status).toBe(200);

    const viewer = await h.login('viewer');
    const verify = () => h.request('GET', '/api/events/verify', { token: viewer });
    const clean = await verify();
    expect(clean.body).toEqual({ ok: true, count: clean.body.count });
    const events = (await h.request('GET', '/api/events?limit=50', { token: viewer })).body.items as Array<{
      id: number;
      type: string;
      actor: string;
      reason: string;
    }>;
    expect(events.find((e) => e.type === 'auth.login_failed')?.actor).toBe('user:\ufffd');
    expect(events.find((e) => e.type === 'state.paused')?.reason).toBe('lunch \ufffd break');

    const resumed = events.find((e) => e.type === 'state.resumed');
    const failed = events.find((e) => e.type === 'auth.login_failed');
    h.store.sqlite.prepare("update events_log set reason = 'nothing to see' where id = ?").run(resumed?.id);
    h.store.sqlite.prepare("update events_log set actor = 'user:admin' where id = ?").run(failed?.id);
    const broken = await verify();
    expect(broken.body).toMatchObject({ ok: false, brokenAtId: failed?.id, brokenCount: 2 });
    expect(broken.body.broken.map((b: { id: number }) => b.id)).toEqual([failed?.id, resumed?.id]);
  });
});
