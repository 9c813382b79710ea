import { roleAtLeast } from '@warden/core/state/tradingState';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../http/apiError.js';
import type { AuthService } from './authService.js';
import { LOCAL_PRINCIPAL } from './principal.js';

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? null;
  }
  if (request.routeOptions.config.queryToken) {
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    return typeof token === 'string' && token.length > 0 ? token : null;
  }
  return null;
}

/**
 * onRequest hook: authenticate, then authorize against the route's declared role — before the body
 * is read or validated, so an anonymous or under-privileged caller learns nothing about a route's
 * input rules and cannot make the server parse a large body.
 */
export function accessHook(auth: AuthService | null) {
  return async (request: FastifyRequest): Promise<void> => {
    const access = request.routeOptions.config.access ?? 'admin';
    if (auth === null) {
      request.principal = LOCAL_PRINCIPAL;
      return;
    }
    if (access === 'public') return;
    const token = bearerToken(request);
    const principal = token ? await auth.authenticate(token) : null;
    if (!principal) throw unauthorized(token ? 'token is invalid, expired or revoked; log in again' : undefined);
    if (!roleAtLeast(principal.role, access))
      throw forbidden(`this action needs role ${access}; you are ${principal.role}`, { required: access, role: principal.role });
    request.principal = principal;
  };
}
