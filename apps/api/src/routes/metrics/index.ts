import { timingSafeEqual } from 'node:crypto';
import { roleAtLeast } from '@warden/core/state/tradingState';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../../http/apiError.js';
import type { RouteContext } from '../context.js';

/** What `GET /metrics` serves: Prometheus' text exposition format, rendered at each scrape. */
export interface MetricsEndpoint {
  /** The exposition format's content type (`text/plain; version=0.0.4; charset=utf-8`). */
  readonly contentType: string;
  render(): Promise<string>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` for Prometheus, at the root where scrapers look for it (outside /api, and left
 * out of the OpenAPI document: it is not JSON). With AUTH_ENABLED=false it is open like the rest
 * of the local API. With auth on it needs `Authorization: Bearer <token>` where the token is
 * METRICS_SCRAPE_TOKEN or a login token of any role (viewer and up); anything else is 401.
 */
export async function registerMetricsRoute(app: FastifyInstance, { deps, auth }: Pick<RouteContext, 'deps' | 'auth'>): Promise<void> {
  const metrics = deps.metrics;
  if (!metrics) return;
  const scrapeToken = deps.config.METRICS_SCRAPE_TOKEN;
  const allowed = async (request: FastifyRequest): Promise<boolean> => {
    if (auth === null) return true;
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return false;
    if (scrapeToken && sameSecret(token, scrapeToken)) return true;
    const principal = await auth.authenticate(token);
    return principal !== null && roleAtLeast(principal.role, 'viewer');
  };
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!(await allowed(request))) throw unauthorized('GET /metrics needs METRICS_SCRAPE_TOKEN or a login token as a bearer token');
    return reply
      .header('content-type', metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await metrics.render());
  });
}
