import type { AppConfig } from '@warden/core/config/parseConfig';
import type { Clock } from '@warden/core/ports/clock';
import type { UserRepository } from '@warden/storage/repositories/userRepository';
import { LoginThrottle } from './loginThrottle.js';
import { verifyPassword } from './passwords.js';
import { type Principal, principalFor } from './principal.js';
import { type TokenService, tokenService } from './tokens.js';

export type LoginOutcome =
  | { readonly ok: true; readonly principal: Principal; readonly token: string; readonly expiresAt: number }
  | { readonly ok: false; readonly reason: 'rate_limited'; readonly retryAfterMs: number }
  | { readonly ok: false; readonly reason: 'bad_credentials'; readonly userUnderAttack: boolean };

/** Login, token checks and logout over the users table. Only used when AUTH_ENABLED=true. */
export interface AuthService {
  /**
   * Checks a password, throttled per (user, client) and per client (see LoginThrottle). `client`
   * is the caller's address as fastify sees it (`request.ip`: the proxy's client with TRUST_PROXY).
   */
  login(username: string, password: string, client: string): Promise<LoginOutcome>;
  /** The principal of a valid, unrevoked token of an existing user; null otherwise. */
  authenticate(token: string): Promise<Principal | null>;
  /** Revokes every token of the user (bumps tokenVersion). */
  logout(username: string): void;
}

export function createAuthService(config: AppConfig, users: UserRepository, clock: Clock): AuthService {
  const secret = config.AUTH_TOKEN_SECRET;
  if (!secret) throw new Error('AUTH_TOKEN_SECRET is required when AUTH_ENABLED=true'); // parseConfig already refuses this
  const tokens: TokenService = tokenService(secret, config.AUTH_TOKEN_TTL_MINUTES, clock);
  const throttle = new LoginThrottle(config.AUTH_LOGIN_MAX_ATTEMPTS, clock);
  return {
    async login(username, password, client) {
      // Counted before the slow hash: parallel guesses cannot all pass the check while it runs.
      const admission = throttle.admit(username, client);
      if (!admission.admitted) return { ok: false, reason: 'rate_limited', retryAfterMs: admission.retryAfterMs };
      const user = users.byName(username);
      const valid = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || !valid) {
        admission.attempt.failed();
        return { ok: false, reason: 'bad_credentials', userUnderAttack: admission.userUnderAttack };
      }
      admission.attempt.succeeded();
      const { token, expiresAt } = await tokens.issue({
        username: user.username,
        role: user.role,
        ver: user.tokenVersion,
        account: user.createdAt,
      });
      return { ok: true, principal: principalFor(user.username, user.role), token, expiresAt };
    },
    async authenticate(token) {
      const claims = await tokens.verify(token);
      if (!claims) return null;
      const user = users.byName(claims.username);
      // The role comes from the database; a stale version means logout or a role/password change since
      // issue, and another account time means the user was removed and added again.
      if (!user || user.tokenVersion !== claims.ver || user.createdAt !== claims.account) return null;
      return principalFor(user.username, user.role);
    },
    logout(username) {
      users.bumpTokenVersion(username, clock.now());
    },
  };
}
