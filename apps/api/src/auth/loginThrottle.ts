import type { Clock } from '@warden/core/ports/clock';

/** Failed logins older than this are forgotten. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** The first wait once a budget is spent; each further failure doubles it, up to LOGIN_WINDOW_MS. */
export const FIRST_BACKOFF_MS = 1_000;
/** One client may fail this many times AUTH_LOGIN_MAX_ATTEMPTS across all user names before its own backoff starts. */
export const CLIENT_BUDGET_FACTOR = 4;
/** A user name is "under attack" once it has failed this many times AUTH_LOGIN_MAX_ATTEMPTS in the window, from any clients. */
export const ATTACK_FACTOR = 4;
/** Bounds memory under a spray of random user names and addresses. */
const MAX_KEYS = 100_000;

/** An admitted attempt: report how the password check went. */
export interface LoginAttempt {
  /** Clears this client's failures for this user; failures elsewhere stay. */
  succeeded(): void;
  /** The attempt stays counted as a failure (it already was, from admission on). */
  failed(): void;
}

export type Admission =
  | { readonly admitted: true; readonly attempt: LoginAttempt; readonly userUnderAttack: boolean }
  | { readonly admitted: false; readonly retryAfterMs: number };

/**
 * Slows password guessing without ever locking the real owner out (OWASP Authentication Cheat
 * Sheet: lockout "can be abused to lock users out"; django-axes' advice to lock on the pair of
 * user name and address). Nothing here keys on the user name alone, so guesses from one client
 * never stop a correct login from another:
 *
 * - **per (user, client)**: AUTH_LOGIN_MAX_ATTEMPTS failures in 15 minutes, then exponential backoff
 *   for that pair (1 s after the last failure, then 2 s, 4 s … up to 15 minutes); a success from
 *   that client clears the pair;
 * - **per client**, whatever the user name: CLIENT_BUDGET_FACTOR × the budget, then the same backoff,
 *   so one address cannot try a password against many names;
 * - **per user, globally**: once a user name has ATTACK_FACTOR × the budget failures in the window
 *   (guesses from many addresses), every client that has not yet failed for it gets one free
 *   attempt instead of AUTH_LOGIN_MAX_ATTEMPTS before its backoff starts. The owner still gets in
 *   with the right password; a distributed guesser gets one guess per address, then waits.
 *
 * An attempt is counted when it is admitted, before the password is checked, so parallel guesses
 * cannot all slip through while the slow hash runs. Refused attempts (429) are not counted: they
 * cost the server nothing. In memory: a restart forgets, which gives a guesser at most one more budget.
 */
export class LoginThrottle {
  /** key → times of failures (and admitted attempts still being checked) in the window, oldest first. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxAttempts: number,
    private readonly clock: Clock,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  /** Decides at once, without awaiting anything: either the attempt is counted and may check the password, or the wait. */
  admit(username: string, client: string): Admission {
    const now = this.clock.now();
    const user = `u:${username.toLowerCase()}`;
    const pair = `p:${username.toLowerCase()}\u0000${client}`;
    const from = `c:${client}`;
    const userUnderAttack = this.recent(user, now).length >= ATTACK_FACTOR * this.maxAttempts;
    const pairBudget = userUnderAttack ? 1 : this.maxAttempts;
    const retryAfterMs = Math.max(this.wait(pair, pairBudget, now), this.wait(from, CLIENT_BUDGET_FACTOR * this.maxAttempts, now));
    if (retryAfterMs > 0) return { admitted: false, retryAfterMs };
    for (const key of [user, pair, from]) this.record(key, now);
    let settled = false;
    return {
      admitted: true,
      userUnderAttack,
      attempt: {
        succeeded: () => {
          if (settled) return;
          settled = true;
          this.failures.delete(pair);
          this.forgetOne(user, now);
          this.forgetOne(from, now);
        },
        failed: () => {
          settled = true;
        },
      },
    };
  }

  /** 0 while `key` has budget left; else how long until its backoff after the last failure has passed. */
  private wait(key: string, budget: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < budget) return 0;
    const backoff = Math.min(this.windowMs, FIRST_BACKOFF_MS * 2 ** (recent.length - budget));
    const last = recent[recent.length - 1] ?? now;
    return Math.max(0, last + backoff - now);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    return kept;
  }

  private record(key: string, now: number): void {
    const times = [...this.recent(key, now), now];
    // Re-inserted at the end: the map's order is then least recently failed first, for the memory bound.
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > MAX_KEYS) this.shrink(now);
  }

  private forgetOne(key: string, time: number): void {
    const times = this.failures.get(key);
    const i = times?.lastIndexOf(time) ?? -1;
    if (times && i >= 0) times.splice(i, 1);
  }

  private shrink(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS * 0.9) break;
      this.failures.delete(key);
    }
  }
}
