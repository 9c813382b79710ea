import { ManualClock } from '@warden/core/ports/clock';
import { describe, expect, it } from 'vitest';
import { LOGIN_WINDOW_MS, LoginLimiter } from './loginLimiter.js';

describe('LoginLimiter', () => {
  it('blocks a key after maxAttempts failures in the window and names the wait', () => {
    const clock = new ManualClock(0);
    const limiter = new LoginLimiter(2, clock);
    limiter.recordFailure(['ip:a', 'user:bob']);
    expect(limiter.retryAfterMs(['ip:a'])).toBe(0);
    clock.advance(1000);
    limiter.recordFailure(['ip:a', 'user:bob']);
    expect(limiter.retryAfterMs(['ip:a'])).toBe(LOGIN_WINDOW_MS - 1000);
  });

  it('counts per key: another IP guessing the same user is blocked, the same IP guessing another user too', () => {
    const limiter = new LoginLimiter(2, new ManualClock(0));
    limiter.recordFailure(['ip:a', 'user:bob']);
    limiter.recordFailure(['ip:b', 'user:bob']);
    expect(limiter.retryAfterMs(['ip:c', 'user:bob'])).toBeGreaterThan(0);
    expect(limiter.retryAfterMs(['ip:a', 'user:alice'])).toBe(0);
    limiter.recordFailure(['ip:a', 'user:carol']);
    expect(limiter.retryAfterMs(['ip:a', 'user:alice'])).toBeGreaterThan(0);
  });

  it('forgets failures older than the window; clear() resets one key', () => {
    const clock = new ManualClock(0);
    const limiter = new LoginLimiter(1, clock);
    limiter.recordFailure(['user:bob', 'ip:a']);
    limiter.clear('user:bob');
    expect(limiter.retryAfterMs(['user:bob'])).toBe(0);
    expect(limiter.retryAfterMs(['ip:a'])).toBeGreaterThan(0);
    clock.advance(LOGIN_WINDOW_MS);
    expect(limiter.retryAfterMs(['ip:a'])).toBe(0);
  });
});
