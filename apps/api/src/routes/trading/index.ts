import { z } from 'zod';
import { equitySchema, fillSchema, metricsSchema, orderSchema, positionSchema } from '../../http/domainSchemas.js';
import { pageOf, pageRequest } from '../../http/paging.js';
import { bearer, errorResponses, type RoutePlugin } from '../context.js';
import { fillsQuery, ordersQuery, positionsQuery, snapshotQuery } from './schema.js';

/** Read models of trading: orders, fills, positions, equity and metrics snapshots. Newest first, cursor-paged. */
export const tradingRoutes: RoutePlugin = async (app, { deps }) => {
  const { store } = deps;
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
      const { symbol, status, from, to } = request.query;
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
      const { symbol, clientOrderId, from, to } = request.query;
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
    async (request) => ({ items: store.positions.list().filter((p) => !request.query.symbol || p.symbol === request.query.symbol) }),
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
    async (request) => {
      const { from, to } = request.query;
      return store.equity.list({ from, to }, pageRequest(request.query));
    },
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
    async (request) => {
      const { from, to } = request.query;
      return store.metrics.list({ from, to }, pageRequest(request.query));
    },
  );
};
