import { ROLES, type Role } from '@warden/core/config/schema';
import type { Clock } from '@warden/core/ports/clock';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * Short-lived HS256 tokens. `ver` is the user's tokenVersion at login: logout and role or password
 * changes bump it, which revokes every token issued before without keeping a deny list. `account` is
 * the account's creation time: a user removed and added again under the same name starts a new
 * account, and the old account's tokens stay dead.
 */
export interface TokenClaims {
  readonly username: string;
  readonly role: Role;
  readonly ver: number;
  readonly account: number;
}

const ISSUER = 'warden';
const AUDIENCE = 'warden-api';

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  ver: z.number().int().nonnegative(),
  acct: z.number().int(),
});

export interface TokenService {
  issue(claims: TokenClaims): Promise<{ token: string; expiresAt: number }>;
  /** The claims of a valid token, or null (bad signature, other algorithm, expired, malformed). */
  verify(token: string): Promise<TokenClaims | null>;
}

/** Verified tokens remembered at most (the oldest is forgotten first); a forgotten one is simply verified again. */
export const VERIFIED_TOKENS_MAX = 1_000;

export function tokenService(secret: string, ttlMinutes: number, clock: Clock): TokenService {
  const key = new TextEncoder().encode(secret);
  // A panel polls with the same token every few seconds, and jose verifies through WebCrypto (a
  // round trip to libuv's thread pool each time). A token whose signature and claims passed once
  // is remembered with its expiry, which is checked against the clock on every use, as jose does
  // (valid while now < exp, in whole seconds). Revocation does not depend on this: the caller
  // checks the user's tokenVersion in the database on every request.
  const verified = new Map<string, { claims: TokenClaims; expSec: number }>();
  const nowSec = () => Math.floor(clock.now() / 1000);
  return {
    async issue({ username, role, ver, account }) {
      const nowSec = Math.floor(clock.now() / 1000);
      const expSec = nowSec + ttlMinutes * 60;
      const token = await new SignJWT({ role, ver, acct: account })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(username)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(nowSec)
        .setExpirationTime(expSec)
        .sign(key);
      return { token, expiresAt: expSec * 1000 };
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (nowSec() < known.expSec) return known.claims;
        verified.delete(token);
        return null;
      }
      try {
        // The algorithm is pinned: alg=none and every other algorithm are refused before the signature is even looked at.
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(clock.now()),
          requiredClaims: ['exp', 'sub'],
        });
        const parsed = claimsSchema.safeParse(payload);
        if (!parsed.success) return null;
        const claims = { username: parsed.data.sub, role: parsed.data.role, ver: parsed.data.ver, account: parsed.data.acct };
        // Only exp makes Warden's tokens time-dependent; one with nbf (not issued here) is verified every time.
        if (payload.exp !== undefined && payload.nbf === undefined) {
          if (verified.size >= VERIFIED_TOKENS_MAX) verified.delete(verified.keys().next().value as string);
          verified.set(token, { claims, expSec: payload.exp });
        }
        return claims;
      } catch {
        return null;
      }
    },
  };
}
