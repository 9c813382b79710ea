import { z } from 'zod';
import { approvalSchema } from '../../http/domainSchemas.js';
import { symbolSchema, tradedPair } from '../../http/pairs.js';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';

const runBody = z
  .strictObject({ symbol: symbolSchema.optional().describe('only this pair; absent: every traded pair, one after the other') })
  .nullish();

const runResponse = z.object({
  saved: z.array(approvalSchema).readonly().describe('new pending approvals, each naming its pair'),
  dropped: z.number().int(),
  source: z.string(),
  failed: z
    .array(z.object({ symbol: z.string(), error: z.string() }))
    .readonly()
    .optional()
    .describe('pairs whose run failed while the others ran'),
});

export const advisorRoutes: RoutePlugin = async (app, { deps }) => {
  app.post(
    '/advisor/run',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['approvals'],
        operationId: 'runAdvisor',
        summary: 'Run the advisor now for one pair or every pair; its proposals become pending approvals',
        security: bearer,
        body: runBody,
        response: { 200: runResponse, ...errorResponses },
      },
    },
    async (request) => {
      const symbol = tradedPair(deps, request.body?.symbol ?? undefined, 'body.symbol');
      return deps.advisor.run(principalOf(request).actor, symbol);
    },
  );
};
