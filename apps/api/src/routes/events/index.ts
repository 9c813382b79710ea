import { AUDIT_BREAKS_LISTED } from '@warden/core/ports/auditLog';
import { z } from 'zod';
import { auditEventSchema } from '../../http/domainSchemas.js';
import { pageOf, pageQuery, pageRequest, timeRangeQuery } from '../../http/paging.js';
import { bearer, errorResponses, type RoutePlugin } from '../context.js';

const eventsQuery = z.strictObject({
  type: z.string().max(100).optional().describe('exact event type, e.g. state.transition'),
  typePrefix: z.string().max(100).optional().describe('type prefix, e.g. "order." or "auth."'),
  actor: z.string().max(200).optional().describe('system, user:<name>, advisor, telegram:<chat>'),
  correlationId: z.string().max(200).optional().describe('e.g. a cycle id'),
  ...timeRangeQuery,
  ...pageQuery,
});

const verifyResponse = z.object({
  ok: z.boolean(),
  count: z.number().int().describe('rows checked'),
  brokenAtId: z.number().int().optional().describe('the first broken row'),
  problem: z.string().optional().describe('what is wrong with the first broken row'),
  brokenCount: z.number().int().optional().describe('how many rows are broken'),
  broken: z
    .array(z.object({ id: z.number().int(), problem: z.string() }))
    .readonly()
    .optional()
    .describe(`every broken row in id order (at most ${AUDIT_BREAKS_LISTED})`),
});

/** The audit trail (append-only, hash-chained) and its verification. */
export const eventRoutes: RoutePlugin = async (app, { deps }) => {
  app.get(
    '/events',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['audit'],
        operationId: 'listEvents',
        summary: 'Audit events, newest first',
        security: bearer,
        querystring: eventsQuery,
        response: { 200: pageOf(auditEventSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { type, typePrefix, actor, correlationId, from, to } = request.query;
      return deps.store.audit.list({ type, typePrefix, actor, correlationId, from, to }, pageRequest(request.query));
    },
  );

  app.get(
    '/events/verify',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['audit'],
        operationId: 'verifyEvents',
        summary: 'Re-checks the hash chain: ok, or every broken event',
        security: bearer,
        response: { 200: verifyResponse, ...errorResponses },
      },
    },
    async () => deps.store.audit.verify(),
  );
};
