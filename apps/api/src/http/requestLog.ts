import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Methods that change nothing: their successful answers are routine (the panel polls them every few seconds). */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** pino's level numbers: a line is written when its level is at least the logger's. */
const LEVEL_VALUES: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** The level of a response's log line: failures and refusals stand out, routine reads stay at debug. */
export function requestLogLevel(method: string, status: number): 'error' | 'warn' | 'info' | 'debug' {
  if (status >= 500) return 'error';
  if (status === 401 || status === 403 || status === 429) return 'warn';
  return READS.has(method) && status < 400 ? 'debug' : 'info';
}

/**
 * One line per response with the route pattern (never the raw URL: a query may carry a token) and
 * the actor, so the log answers "who did what" without ever holding a credential. Every write,
 * every client error, refusal and failure is logged at info or above; a successful read only at
 * `LOG_LEVEL=debug`, so a polling panel does not fill the log (nor spend its time writing it).
 */
export function logResponses(app: FastifyInstance): void {
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const level = requestLogLevel(request.method, reply.statusCode);
    if ((LEVEL_VALUES[level] as number) >= (LEVEL_VALUES[request.log.level] ?? Number.POSITIVE_INFINITY)) {
      request.log[level](
        {
          method: request.method,
          route: request.routeOptions.url ?? '(not found)',
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
          actor: request.principal?.actor.id ?? null,
          ip: request.ip,
        },
        'request',
      );
    }
    done();
  });
}
