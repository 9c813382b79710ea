import type { Clock } from '@warden/core/ports/clock';

export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * Counts failed logins per key (an IP, a username) in a sliding 15-minute window. Both keys are
 * checked: per-IP stops one machine guessing many names, per-username stops many machines
 * guessing one password. A success clears the username's count (not the IP's: one known account
 * must not launder guesses at others). In memory: a restart forgets, which only helps a guesser
 * by one window and keeps the API free of extra state.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxAttempts: number,
    private readonly clock: Clock,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  /** Milliseconds until the busiest of the keys may try again; 0 when none is blocked. */
  retryAfterMs(keys: readonly string[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxAttempts) wait = Math.max(wait, (recent[recent.length - this.maxAttempts] ?? now) + this.windowMs - now);
    }
    return wait;
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.clock.now();
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    this.prune(now);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  // Bounds memory under a spray of random usernames: drop keys whose failures have all aged out.
  private prune(now: number): void {
    if (this.failures.size < 10_000) return;
    for (const [key, times] of this.failures) if (!times.some((t) => t > now - this.windowMs)) this.failures.delete(key);
  }
}
