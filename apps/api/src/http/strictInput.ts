import { wellFormedDeep } from '@warden/core/security/wellFormed';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/**
 * Applied inside the `/api` prefix, before any route is registered:
 * - a route that declares no query schema gets an empty strict one, so an unknown parameter is a
 *   400 naming it on every route (`POST /api/system/pause?foo=bar` pauses nothing), as on the
 *   routes that list their parameters;
 * - every string of the body, query and path parameters is made well-formed text (a lone UTF-16
 *   surrogate becomes U+FFFD) before validation, so what a route stores, hashes or compares is what
 *   it was given after UTF-8 storage too.
 */
export function strictInput(api: FastifyInstance): void {
  api.addHook('onRoute', (route) => {
    if (route.schema?.querystring) return;
    route.schema = { ...route.schema, querystring: z.strictObject({}) };
  });
  api.addHook('preValidation', (request, _reply, done) => {
    if (request.body !== undefined && request.body !== null) request.body = wellFormedDeep(request.body);
    request.query = wellFormedDeep(request.query);
    request.params = wellFormedDeep(request.params);
    done();
  });
}
