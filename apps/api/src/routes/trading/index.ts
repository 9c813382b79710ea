import type { Page } from '@warden/core/ports/pagination';
import type { TimeRange } from '@warden/core/ports/store';
import { z } from 'zod';
import { equitySchema, fillSchema, metricsSchema, orderSchema, positionSchema } from '../../http/domainSchemas.js';
import { pageOf, pageRequest } from '../../http/paging.js';
import { legacyPair, tradedPair } from '../../http/pairs.js';
import { bearer, errorResponses, type RoutePlugin } from '../context.js';
import { fillsQuery, ordersQuery, positionsQuery, snapshotQuery } from './schema.js';

/** Snapshot rows name their pair (null: written before several pairs). */
function withSymbol<T extends { readonly symbol?: string | null }>(page: Page<T>): Page<T & { symbol: string | null }> {
  return { items: page.items.map((row) => ({ ...row, symbol: row.symbol ?? null })), nextCursor: page.nextCursor };
}

/** Read models of trading: orders, fills, positions, equity and metrics snapshots. Newest first, cursor-paged. */
export const tradingRoutes: RoutePlugin = async (app, { deps }) => {
  const { store } = deps;
  /** `?symbol=`: that pair's snapshots, the rows from before several pairs included for the legacy pair. */
  const snapshotRange = (q: { symbol?: string | undefined; from?: number | undefined; to?: number | undefined }): TimeRange => {
    const symbol = tradedPair(deps, q.symbol, 'query.symbol');
    return symbol === undefined ? { from: q.from, to: q.to } : { from: q.from, to: q.to, symbol, legacySymbol: legacyPair(deps) };
  };
  const viewer = { access: 'viewer' as const };
  const tags = ['trading'];

  app.get(
    '/orders',
    {
      config: viewer,
      schema: {
        tags,
        operationId: 'listOrders',
        summary: 'Orders',
        security: bearer,
        querystring: ordersQuery,
        response: { 200: pageOf(orderSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { status, from, to } = request.query;
      const symbol = tradedPair(deps, request.query.symbol, 'query.symbol');
      return store.orders.list({ symbol, status, from, to }, pageRequest(request.query));
    },
  );

  app.get(
    '/fills',
    {
      config: viewer,
      schema: {
        tags,
        operationId: 'listFills',
        summary: 'Fills',
        security: bearer,
        querystring: fillsQuery,
        response: { 200: pageOf(fillSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { clientOrderId, from, to } = request.query;
      const symbol = tradedPair(deps, request.query.symbol, 'query.symbol');
      return store.fills.list({ symbol, clientOrderId, from, to }, pageRequest(request.query));
    },
  );

  app.get(
    '/positions',
    {
      config: viewer,
      schema: {
        tags,
        operationId: 'listPositions',
        summary: 'Positions (one per symbol)',
        security: bearer,
        querystring: positionsQuery,
        response: { 200: z.object({ items: z.array(positionSchema).readonly() }), ...errorResponses },
      },
    },
    async (request) => {
      const symbol = tradedPair(deps, request.query.symbol, 'query.symbol');
      return { items: store.positions.list().filter((p) => !symbol || p.symbol === symbol) };
    },
  );

  app.get(
    '/equity',
    {
      config: viewer,
      schema: {
        tags,
        operationId: 'listEquitySnapshots',
        summary: 'Equity snapshots',
        security: bearer,
        querystring: snapshotQuery,
        response: { 200: pageOf(equitySchema), ...errorResponses },
      },
    },
    async (request) => withSymbol(store.equity.list(snapshotRange(request.query), pageRequest(request.query))),
  );

  app.get(
    '/metrics',
    {
      config: viewer,
      schema: {
        tags,
        operationId: 'listMetricsSnapshots',
        summary: 'Metrics snapshots',
        security: bearer,
        querystring: snapshotQuery,
        response: { 200: pageOf(metricsSchema), ...errorResponses },
      },
    },
    async (request) => withSymbol(store.metrics.list(snapshotRange(request.query), pageRequest(request.query))),
  );
};
