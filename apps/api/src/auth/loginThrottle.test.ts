import { ManualClock } from '@warden/core/ports/clock';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTACK_FACTOR, CLIENT_BUDGET_FACTOR, LOGIN_WINDOW_MS, LoginThrottle } from './loginThrottle.js';

/** Admits and fails one attempt; returns the wait when refused, 0 when it was admitted. */
function fail(throttle: LoginThrottle, user: string, client: string): number {
  const admission = throttle.admit(user, client);
  if (!admission.admitted) return admission.retryAfterMs;
  admission.attempt.failed();
  return 0;
}

describe('LoginThrottle', () => {
  it('counts an attempt when it is admitted, before the password is checked: a burst gets exactly the budget', () => {
    const throttle = new LoginThrottle(5, new ManualClock(0));
    const burst = Array.from({ length: 50 }, () => throttle.admit('admin', 'a'));
    expect(burst.filter((a) => a.admitted)).toHaveLength(5);
    expect(burst.filter((a) => !a.admitted).every((a) => !a.admitted && a.retryAfterMs === 1000)).toBe(true);
  });

  it('after the budget, each further failure doubles the wait, up to the window', () => {
    const clock = new ManualClock(0);
    const throttle = new LoginThrottle(2, clock);
    expect([fail(throttle, 'admin', 'a'), fail(throttle, 'admin', 'a')]).toEqual([0, 0]);
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const wait = fail(throttle, 'admin', 'a');
      waits.push(wait);
      clock.advance(wait);
      expect(fail(throttle, 'admin', 'a')).toBe(0); // admitted once the wait is over, and fails again
    }
    expect(waits.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16000, 32000]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(LOGIN_WINDOW_MS);
  });

  it('guesses from one client never stop another client logging in as the same user, and the owner’s success does not free the guesser', () => {
    const throttle = new LoginThrottle(3, new ManualClock(0));
    for (let i = 0; i < 20; i++) fail(throttle, 'admin', 'attacker');
    const owner = throttle.admit('admin', 'owner');
    expect(owner.admitted).toBe(true);
    if (owner.admitted) owner.attempt.succeeded();
    expect(throttle.admit('admin', 'attacker').admitted).toBe(false);
  });

  it('one client spraying many user names is stopped by its own budget; other clients are not', () => {
    const throttle = new LoginThrottle(2, new ManualClock(0));
    for (let i = 0; i < CLIENT_BUDGET_FACTOR * 2; i++) expect(fail(throttle, `user${i}`, 'sprayer')).toBe(0);
    expect(fail(throttle, 'someone-new', 'sprayer')).toBeGreaterThan(0);
    expect(throttle.admit('someone-new', 'elsewhere').admitted).toBe(true);
  });

  it('a user guessed at from many clients: each new client gets one attempt, then waits; the right password still gets in', () => {
    const throttle = new LoginThrottle(3, new ManualClock(0));
    for (let i = 0; i < ATTACK_FACTOR * 3; i++) fail(throttle, 'admin', `bot${i}`);
    expect(fail(throttle, 'admin', 'fresh-bot')).toBe(0);
    expect(fail(throttle, 'admin', 'fresh-bot')).toBe(1000);
    const owner = throttle.admit('admin', 'owner');
    expect(owner).toMatchObject({ admitted: true, userUnderAttack: true });
    // Other user names are not affected.
    for (let i = 0; i < 3; i++) expect(fail(throttle, 'ops', 'fresh-bot-2')).toBe(0);
  });

  it('forgets failures once the window has passed', () => {
    const clock = new ManualClock(0);
    const throttle = new LoginThrottle(1, clock);
    fail(throttle, 'admin', 'a');
    expect(fail(throttle, 'admin', 'a')).toBeGreaterThan(0);
    clock.advance(LOGIN_WINDOW_MS);
    expect(fail(throttle, 'admin', 'a')).toBe(0);
  });

  it('whatever the attackers do, a client that has not failed may always try once (property)', () => {
    const attempt = fc.record({
      user: fc.constantFrom('admin', 'Admin', 'ops'),
      client: fc.constantFrom('a', 'b', 'c', 'd'),
      advanceMs: fc.nat({ max: 120_000 }),
      succeed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 200 }), (attempts) => {
        const clock = new ManualClock(0);
        const throttle = new LoginThrottle(5, clock);
        for (const a of attempts) {
          clock.advance(a.advanceMs);
          const admission = throttle.admit(a.user, a.client);
          if (admission.admitted) (a.succeed ? admission.attempt.succeeded : admission.attempt.failed)();
        }
        expect(throttle.admit('admin', 'owner').admitted).toBe(true);
      }),
    );
  });
});
