import { readPortfolio } from '@warden/core/app/portfolioView';
import { pageRequest } from '../../http/paging.js';
import { legacyPair } from '../../http/pairs.js';
import { bearer, errorResponses, type RoutePlugin } from '../context.js';
import { portfolioEquityPage, portfolioEquityQuery, portfolioSchema } from './schema.js';

/** The account across pairs: what each pair holds and is worth, and the account's equity curve. */
export const portfolioRoutes: RoutePlugin = async (app, { deps }) => {
  const tags = ['trading'];
  const reader = deps.portfolio ?? {
    portfolio: () => readPortfolio(deps.store, deps.control.status(), { legacySymbol: legacyPair(deps) }),
  };

  app.get(
    '/portfolio',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        operationId: 'getPortfolio',
        summary: "Every pair's holding, value and share of the account's equity",
        security: bearer,
        response: { 200: portfolioSchema, ...errorResponses },
      },
    },
    async () => reader.portfolio(),
  );

  app.get(
    '/portfolio/equity',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        operationId: 'listPortfolioEquity',
        summary: "The account's equity, one point per cycle tick, newest first",
        security: bearer,
        querystring: portfolioEquityQuery,
        response: { 200: portfolioEquityPage, ...errorResponses },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      return deps.store.equity.ticks({ from, to }, pageRequest(request.query));
    },
  );
};
