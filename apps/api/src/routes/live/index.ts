import { manualLiveOrderSchema } from '@warden/core/live/manualLiveOrder';
import { z } from 'zod';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';

/**
 * `POST /api/live/orders`, admin only (the access hook enforces it). Registered only when the runtime
 * passes `deps.liveOrders` (TRADING_MODE=live with every gate open); otherwise the route does not
 * exist (404). The body is validated here; the live engine runs the risk engine, the exchange filters
 * and the audit (actor and reason) of each order.
 */
export const liveOrderBody = manualLiveOrderSchema;

const liveOrderResponse = z.record(z.string(), z.unknown());

export const liveOrderRoutes: RoutePlugin = async (app, { deps }) => {
  const live = deps.liveOrders;
  if (!live) return;
  app.post(
    '/live/orders',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['live'],
        operationId: 'placeLiveOrder',
        summary: 'Place a manual live order (admin; every live gate must be open)',
        security: bearer,
        body: liveOrderBody,
        response: { 200: liveOrderResponse, ...errorResponses },
      },
    },
    async (request) => (await live.place(request.body, principalOf(request).actor)) as Record<string, unknown>,
  );
};
