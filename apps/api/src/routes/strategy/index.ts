import { z } from 'zod';
import { pairOrFirst, symbolSchema } from '../../http/pairs.js';
import { bearer, errorResponses, type RoutePlugin } from '../context.js';

const strategyQuery = z.strictObject({
  symbol: symbolSchema.optional().describe('one of the traded pairs; default: the first of TRADING_SYMBOLS'),
});

const strategyResponse = z.object({
  symbol: z.string().describe('the pair this strategy trades'),
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
        summary: "A pair's active strategy, parameters, tunable bounds, grid levels",
        security: bearer,
        querystring: strategyQuery,
        response: { 200: strategyResponse, ...errorResponses },
      },
    },
    async (request) => {
      const symbol = pairOrFirst(deps, request.query.symbol, 'query.symbol');
      return { symbol, ...deps.strategyInfo(symbol) };
    },
  );
};
