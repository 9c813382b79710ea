import { ROLES } from '@warden/core/config/schema';
import { z } from 'zod';

export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const loginResponse = z.object({
  token: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.number().describe('ms since epoch (UTC) when the token stops working'),
});

export const meResponse = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  actor: z.string(),
  authEnabled: z.boolean(),
});

/** Write routes without input still refuse stray fields; an absent body (null to fastify) is fine. */
export const emptyBody = z.strictObject({}).nullish();

export const okResponse = z.object({ ok: z.literal(true) });
