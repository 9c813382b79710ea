import { z } from 'zod';
import { bearer, errorResponses, type RoutePlugin } from '../context.js';

const strategyResponse = z.object({
  name: z.string(),
  params: z.record(z.string(), z.unknown()),
  tunable: z
    .array(z.object({ key: z.string(), min: z.number(), max: z.number(), integer: z.boolean(), description: z.string() }))
    .readonly(),
  describe: z.record(z.string(), z.unknown()).nullable().describe("the strategy's own view: grid levels, spacing, regime…"),
});

export const strategyRoutes: RoutePlugin = async (app, { deps }) => {
  app.get(
    '/strategy',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['strategy'],
        operationId: 'getStrategy',
        summary: 'Active strategy, parameters, tunable bounds, grid levels',
        security: bearer,
        response: { 200: strategyResponse, ...errorResponses },
      },
    },
    async () => deps.strategyInfo(),
  );
};
