import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuthService } from '../auth/authService.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { errorBodySchema } from '../http/errorBody.js';

/** What every route plugin receives. `auth` is null when AUTH_ENABLED=false (local trusted mode). */
export interface RouteContext {
  readonly deps: ApiDeps;
  readonly auth: AuthService | null;
  readonly streamKeepAliveMs: number;
  /** Warden's version, read once at start (it cannot change while the process runs). */
  readonly version: string;
  /** `redactText` with the config's known secrets, for text that bypasses the JSON answers (the event stream). */
  readonly redact: (text: string) => string;
}

export type RoutePlugin = FastifyPluginAsyncZod<RouteContext>;

/** Every route may answer with the common error body. */
export const errorResponses = { '4xx': errorBodySchema, '5xx': errorBodySchema } as const;

/** Bearer auth in the OpenAPI document for every non-public route. */
export const bearer = [{ bearerAuth: [] }];

/** The access hook guarantees a principal on every non-public route; this narrows the type. */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new Error('route reached without a principal: access hook missing');
  return request.principal;
}
