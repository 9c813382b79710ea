import { roleAtLeast } from '@warden/core/state/tradingState';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
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
  // A callback hook, so local trusted mode and public routes finish without a promise per request.
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const access = request.routeOptions.config.access ?? 'admin';
    if (auth === null) {
      request.principal = LOCAL_PRINCIPAL;
      done();
    } else if (access === 'public') done();
    else {
      const token = bearerToken(request);
      if (!token) done(unauthorized());
      else
        auth.authenticate(token).then((principal) => {
          if (!principal) done(unauthorized('token is invalid, expired or revoked; log in again'));
          else if (!roleAtLeast(principal.role, access))
            done(forbidden(`this action needs role ${access}; you are ${principal.role}`, { required: access, role: principal.role }));
          else {
            request.principal = principal;
            done();
          }
        }, done);
    }
  };
}
