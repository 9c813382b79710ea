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

export function tokenService(secret: string, ttlMinutes: number, clock: Clock): TokenService {
  const key = new TextEncoder().encode(secret);
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
      try {
        // The algorithm is pinned: alg=none and every other algorithm are refused before the signature is even looked at.
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(clock.now()),
          requiredClaims: ['exp', 'sub'],
        });
        const claims = claimsSchema.safeParse(payload);
        return claims.success
          ? { username: claims.data.sub, role: claims.data.role, ver: claims.data.ver, account: claims.data.acct }
          : null;
      } catch {
        return null;
      }
    },
  };
}
