import { ManualClock } from '@warden/core/ports/clock';
import { describe, expect, it } from 'vitest';
import { tokenService, VERIFIED_TOKENS_MAX } from './tokens.js';

const START = Date.UTC(2025, 0, 1);
const SECRET = 'token-service-test-secret-0123456789';
const claims = { username: 'ann', role: 'viewer' as const, ver: 0, account: 1 };

describe('tokenService.verify', () => {
  it('accepts a token until the same millisecond whether it was verified before or not, as jose does', async () => {
    const clock = new ManualClock(START);
    const service = tokenService(SECRET, 10, clock);
    const { token, expiresAt } = await service.issue(claims);
    const fresh = tokenService(SECRET, 10, clock); // never saw the token: jose decides
    expect(await service.verify(token)).toEqual(claims); // now remembered
    clock.set(expiresAt - 1);
    expect(await service.verify(token)).toEqual(claims);
    expect(await fresh.verify(token)).toEqual(claims);
    clock.set(expiresAt);
    expect(await service.verify(token)).toBeNull();
    expect(await fresh.verify(token)).toBeNull();
  });

  it('never accepts a token changed after a valid one was remembered', async () => {
    const clock = new ManualClock(START);
    const service = tokenService(SECRET, 10, clock);
    const { token } = await service.issue(claims);
    expect(await service.verify(token)).toEqual(claims);
    const [header, , signature] = token.split('.') as [string, string, string];
    const payload = Buffer.from(JSON.stringify({ sub: 'admin', role: 'admin', ver: 0, acct: 1, exp: 2e9 })).toString('base64url');
    expect(await service.verify(`${header}.${payload}.${signature}`)).toBeNull();
    expect(await service.verify(`${token}x`)).toBeNull();
  });

  it('still verifies every token when more than it remembers are in use', async () => {
    const clock = new ManualClock(START);
    const service = tokenService(SECRET, 10, clock);
    const tokens: string[] = [];
    for (let i = 0; i <= VERIFIED_TOKENS_MAX; i++) {
      const { token } = await service.issue({ ...claims, ver: i });
      tokens.push(token);
      expect(await service.verify(token)).toMatchObject({ ver: i });
    }
    expect(await service.verify(tokens[0] as string)).toMatchObject({ ver: 0 }); // forgotten, verified again
  });
});
