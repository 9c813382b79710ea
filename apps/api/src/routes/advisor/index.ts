import { z } from 'zod';
import { approvalSchema } from '../../http/domainSchemas.js';
import { emptyBody } from '../auth/schema.js';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';

const runResponse = z.object({ saved: z.array(approvalSchema).readonly(), dropped: z.number().int(), source: z.string() });

export const advisorRoutes: RoutePlugin = async (app, { deps }) => {
  app.post(
    '/advisor/run',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['approvals'],
        operationId: 'runAdvisor',
        summary: 'Run the advisor now; its proposals become pending approvals',
        security: bearer,
        body: emptyBody,
        response: { 200: runResponse, ...errorResponses },
      },
    },
    async (request) => deps.advisor.run(principalOf(request).actor),
  );
};
