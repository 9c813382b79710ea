import { z } from 'zod';
import { candleSchema, timeframeSchema } from '../../http/domainSchemas.js';
import { timeRangeQuery } from '../../http/paging.js';
import { pairOrFirst, symbolSchema } from '../../http/pairs.js';
import { bearer, errorResponses, type RoutePlugin } from '../context.js';

export const MAX_CANDLES = 5000;

const candlesQuery = z.strictObject({
  symbol: symbolSchema.optional().describe('one of the traded pairs; default: the first of TRADING_SYMBOLS'),
  timeframe: timeframeSchema.optional().describe('default: the primary timeframe'),
  ...timeRangeQuery,
  limit: z.coerce.number().int().min(1).max(MAX_CANDLES).default(500).describe(`newest candles to return, at most ${MAX_CANDLES}`),
});

const candlesResponse = z.object({ symbol: z.string(), timeframe: timeframeSchema, items: z.array(candleSchema).readonly() });

/** Cached candles for charts: oldest first, the newest `limit` up to `to` (and from `from` when given). */
export const candleRoutes: RoutePlugin = async (app, { deps }) => {
  app.get(
    '/candles',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['market'],
        operationId: 'listCandles',
        summary: 'Cached candles, oldest first',
        security: bearer,
        querystring: candlesQuery,
        response: { 200: candlesResponse, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const symbol = pairOrFirst(deps, q.symbol, 'query.symbol');
      const timeframe = q.timeframe ?? deps.config.primaryTimeframe;
      const latest = deps.store.candles.latest(symbol, timeframe, q.limit, q.to);
      const items = q.from === undefined ? latest : latest.filter((c) => c.openTime >= (q.from ?? 0));
      return { symbol, timeframe, items };
    },
  );
};
