import type { FastifyInstance } from 'fastify';

/**
 * One line per response with the route pattern (never the raw URL: a query may carry a token) and
 * the actor, so the log answers "who did what" without ever holding a credential.
 */
export function logResponses(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(not found)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      actor: request.principal?.actor.id ?? null,
      ip: request.ip,
    };
    if (reply.statusCode >= 500) request.log.error(line, 'request');
    else if (reply.statusCode === 401 || reply.statusCode === 403 || reply.statusCode === 429) request.log.warn(line, 'request');
    else request.log.info(line, 'request');
  });
}
