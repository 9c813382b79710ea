import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, PASSWORD, startApi } from '../../testing/apiHarness.js';

let h: ApiHarness;
afterEach(async () => h?.close());

describe('/api/users (admin)', () => {
  it('adds a user who can then log in with that role; the list never shows a password hash', async () => {
    h = await startApi({ auth: true });
    const admin = await h.login('admin');
    const added = await h.request('POST', '/api/users', {
      token: admin,
      body: { username: 'carol', role: 'operator', password: 'a long enough secret' },
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ username: 'carol', role: 'operator' });
    const carol = await h.login('carol', 'a long enough secret');
    expect((await h.request('GET', '/api/auth/me', { token: carol })).body).toMatchObject({ username: 'carol', role: 'operator' });

    const list = await h.request('GET', '/api/users', { token: admin });
    expect(list.body.items.map((u: { username: string; role: string }) => `${u.username}:${u.role}`)).toEqual([
      'admin:admin',
      'carol:operator',
      'operator:operator',
      'viewer:viewer',
    ]);
    expect(list.text).not.toMatch(/passwordHash|tokenVersion|\$scrypt|\$argon/);
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    h = await startApi({ auth: true });
    const admin = await h.login('admin');
    const cases: Array<[unknown, string]> = [
      [{ username: 'dave', role: 'operator', password: 'short' }, 'body.password'],
      [{ username: 'dave', role: 'operator', password: 'line one\nline two' }, 'body.password'],
      [{ username: 'dave', role: 'root', password: PASSWORD }, 'body.role'],
      [{ username: 'd a v e', role: 'viewer', password: PASSWORD }, 'body.username'],
      [{ username: 'dave', role: 'viewer', password: PASSWORD, isAdmin: true }, 'body.isAdmin'],
    ];
    for (const [body, field] of cases) {
      const res = await h.request('POST', '/api/users', { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe(field);
    }
    const control = await h.request('PATCH', '/api/users/viewer', { token: admin, body: { password: 'tab\tin-the-middle' } });
    expect(control.body.error.message).toContain('password contains a control character (U+0009 at position 4)');
    const empty = await h.request('PATCH', '/api/users/viewer', { token: admin, body: {} });
    expect(empty.status).toBe(400);
    expect(h.store.users.byName('dave')).toBeNull();
    expect(h.store.audit.list({ typePrefix: 'user.' }, { limit: 10 }).items).toHaveLength(0);
  });

  it('answers 409 for an existing name and 404 for an unknown one', async () => {
    h = await startApi({ auth: true });
    const admin = await h.login('admin');
    expect(
      (await h.request('POST', '/api/users', { token: admin, body: { username: 'viewer', role: 'viewer', password: PASSWORD } })).status,
    ).toBe(409);
    expect((await h.request('PATCH', '/api/users/nobody', { token: admin, body: { role: 'viewer' } })).status).toBe(404);
    expect((await h.request('DELETE', '/api/users/nobody', { token: admin })).status).toBe(404);
  });

  it("a role or password change revokes the user's tokens, and every change is audited with the admin as actor", async () => {
    h = await startApi({ auth: true });
    const admin = await h.login('admin');
    const viewer = await h.login('viewer');
    const promoted = await h.request('PATCH', '/api/users/viewer', { token: admin, body: { role: 'operator' } });
    expect(promoted.body).toMatchObject({ username: 'viewer', role: 'operator' });
    expect((await h.request('GET', '/api/auth/me', { token: viewer })).status).toBe(401);

    const again = await h.login('viewer');
    await h.request('PATCH', '/api/users/viewer', { token: admin, body: { password: 'a brand new passphrase' } });
    expect((await h.request('GET', '/api/auth/me', { token: again })).status).toBe(401);
    await h.login('viewer', 'a brand new passphrase');

    expect((await h.request('DELETE', '/api/users/viewer', { token: admin })).status).toBe(200);
    const events = h.store.audit.list({ typePrefix: 'user.' }, { limit: 10 }).items.map((e) => `${e.type} ${e.actor}`);
    expect(events).toEqual(['user.removed user:admin', 'user.password_changed user:admin', 'user.role_changed user:admin']);
  });

  it('a user removed and added again under the same name does not revive the old tokens', async () => {
    h = await startApi({ auth: true });
    const admin = await h.login('admin');
    const oldToken = await h.login('viewer');
    await h.request('DELETE', '/api/users/viewer', { token: admin });
    h.clock.advance(1_000);
    await h.request('POST', '/api/users', { token: admin, body: { username: 'viewer', role: 'admin', password: PASSWORD } });
    expect((await h.request('GET', '/api/auth/me', { token: oldToken })).status).toBe(401);
    const fresh = await h.login('viewer');
    expect((await h.request('GET', '/api/auth/me', { token: fresh })).body).toMatchObject({ username: 'viewer', role: 'admin' });
  });

  it('a role and a password given together change in one step, both audited', async () => {
    h = await startApi({ auth: true });
    const admin = await h.login('admin');
    const res = await h.request('PATCH', '/api/users/operator', {
      token: admin,
      body: { role: 'viewer', password: 'a brand new passphrase' },
    });
    expect(res.body).toMatchObject({ username: 'operator', role: 'viewer' });
    await h.login('operator', 'a brand new passphrase');
    const types = h.store.audit.list({ typePrefix: 'user.' }, { limit: 5 }).items.map((e) => e.type);
    expect(types).toEqual(['user.password_changed', 'user.role_changed']);
  });

  it('never removes or demotes the only admin (409): nobody could leave an emergency stop', async () => {
    h = await startApi({ auth: true });
    const admin = await h.login('admin');
    const demote = await h.request('PATCH', '/api/users/admin', { token: admin, body: { role: 'operator' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toContain('only admin');
    expect((await h.request('DELETE', '/api/users/admin', { token: admin })).status).toBe(409);
    expect(h.store.users.byName('admin')?.role).toBe('admin');
  });
});
