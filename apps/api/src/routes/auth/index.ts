import { ApiError } from '../../http/apiError.js';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';
import { emptyBody, loginBody, loginResponse, meResponse, okResponse } from './schema.js';

/** Login, whoami and logout. Login and logout are audited here: no core service owns them. */
export const authRoutes: RoutePlugin = async (app, { deps, auth }) => {
  const audit = (type: string, actor: string, reason: string, inputs: unknown, outcome: string) =>
    deps.store.audit.append({ time: deps.clock.now(), type, actor, reason, inputs, outcome });

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Exchange username and password for a bearer token',
        description: `Throttled: ${deps.config.AUTH_LOGIN_MAX_ATTEMPTS} failed attempts per user name and client in 15 minutes, then 429 with Retry-After and a wait that doubles with each further failure. Guesses from one client never lock the user out elsewhere.`,
        security: [],
        body: loginBody,
        response: { 200: loginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!auth)
        throw new ApiError(
          409,
          'AUTH_DISABLED',
          'authentication is disabled (AUTH_ENABLED=false): every request already acts as user:local',
        );
      const { username, password } = request.body;
      const outcome = await auth.login(username, password, request.ip);
      if (!outcome.ok && outcome.reason === 'rate_limited') {
        const retryAfter = Math.ceil(outcome.retryAfterMs / 1000);
        request.log.warn({ username, ip: request.ip, retryAfterSeconds: retryAfter }, 'login throttled');
        throw new ApiError(
          429,
          'RATE_LIMITED',
          `too many failed logins from this client; try again in ${retryAfter} s`,
          { retryAfterSeconds: retryAfter },
          { 'retry-after': String(retryAfter) },
        );
      }
      if (!outcome.ok) {
        if (outcome.userUnderAttack)
          request.log.warn(
            { username, ip: request.ip },
            'many failed logins for this user from several clients: new clients get one attempt before waiting',
          );
        audit('auth.login_failed', `user:${username}`, 'wrong username or password', { ip: request.ip }, 'refused');
        throw new ApiError(401, 'BAD_CREDENTIALS', 'wrong username or password');
      }
      audit('auth.login', outcome.principal.actor.id, 'login', { ip: request.ip, role: outcome.principal.role }, 'ok');
      reply.header('cache-control', 'no-store');
      return { token: outcome.token, username: outcome.principal.username, role: outcome.principal.role, expiresAt: outcome.expiresAt };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        operationId: 'getCurrentUser',
        summary: 'Who the token belongs to',
        security: bearer,
        response: { 200: meResponse, ...errorResponses },
      },
    },
    async (request) => {
      const me = principalOf(request);
      return { username: me.username, role: me.role, actor: me.actor.id, authEnabled: auth !== null };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'Revoke every token of the caller',
        security: bearer,
        body: emptyBody,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (request) => {
      const me = principalOf(request);
      if (auth) {
        auth.logout(me.username);
        audit('auth.logout', me.actor.id, 'logout: every token of the user revoked', { ip: request.ip }, 'ok');
      }
      return { ok: true as const };
    },
  );
};
