import type { Role } from '@warden/core/config/schema';
import { roleAtLeast } from '@warden/core/state/tradingState';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from './auth/principal.js';
import { type ApiHarness, startApi } from './testing/apiHarness.js';
import { call, ROUTES } from './testing/routeTable.js';

/** The seed's security model: viewer reads, operator operates, admin also leaves emergency stop and trades live. */
function expected(access: Access, role: Role | null): number {
  if (access === 'public') return 200;
  if (role === null) return 401;
  return roleAtLeast(role, access) ? 200 : 403;
}

describe('RBAC matrix with AUTH_ENABLED=true: every route × {no token, viewer, operator, admin}', () => {
  let h: ApiHarness;
  const tokens: Record<Role, string> = { viewer: '', operator: '', admin: '' };
  beforeAll(async () => {
    h = await startApi({ auth: true });
    for (const role of ['viewer', 'operator', 'admin'] as const) tokens[role] = await h.login(role);
  });
  afterAll(() => h.close());

  for (const route of ROUTES) {
    for (const role of [null, 'viewer', 'operator', 'admin'] as const) {
      const want = expected(route.access, role);
      it(`${route.method} ${route.path} as ${role ?? 'anonymous'} → ${want}`, async () => {
        const status = await call(h, route, role ? tokens[role] : null);
        expect(status).toBe(want);
        // Logging out revokes the caller's tokens: log in again for the next cases.
        if (route.path === '/api/auth/logout' && role && status === 200) tokens[role] = await h.login(role);
      });
    }
  }

  it('records state-changing requests with the actor user:<name>', async () => {
    const events = await h.request('GET', '/api/events?limit=500', { token: tokens.viewer });
    const actors = new Set((events.body.items as Array<{ actor: string; type: string }>).map((e) => `${e.type} ${e.actor}`));
    expect(actors).toContain('state.paused user:operator');
    expect(actors).toContain('state.manual_resume user:admin');
    expect(actors).toContain('approval.approved user:operator');
    expect(actors).toContain('approval.rejected user:admin');
    expect(actors).toContain('auth.logout user:viewer');
    expect(actors).toContain('live.order_requested user:admin');
    expect([...actors].some((a) => a.endsWith('user:viewer') && a.startsWith('state.'))).toBe(false);
  });
});

describe('AUTH_ENABLED=false: local trusted mode', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi({ auth: false });
  });
  afterAll(() => h.close());

  for (const route of ROUTES) {
    const want = route.path === '/api/auth/login' ? 409 : 200;
    it(`${route.method} ${route.path} without a token → ${want}`, async () => {
      expect(await call(h, route, null)).toBe(want);
    });
  }

  it('acts as admin with the actor user:local', async () => {
    const me = await h.request('GET', '/api/auth/me');
    expect(me.body).toEqual({ username: 'local', role: 'admin', actor: 'user:local', authEnabled: false });
    const events = await h.request('GET', '/api/events?type=state.manual_resume');
    expect(events.body.items[0].actor).toBe('user:local');
  });
});
