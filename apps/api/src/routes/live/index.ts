import { z } from 'zod';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';

/*
 * ─── LIVE ORDERS: place for the live-execution work ───────────────────────────────────────────
 * `POST /api/live/orders`, admin only (the access hook enforces it). Registered only when the
 * caller passes `deps.liveOrders`; until then the route does not exist (404). The live engine owns
 * the gates (TRADING_MODE=live, keys, LIVE_TRADING_CONFIRM), the exchange filters and the audit of
 * each order; this route only validates the shape and passes the admin's ActorRef.
 * Refine `liveOrderBody` and `liveOrderResponse` to the engine's real input and result types.
 */
export const liveOrderBody = z.strictObject({
  symbol: z.string().regex(/^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/, 'expected BASE/QUOTE, e.g. BTC/USDT'),
  side: z.enum(['BUY', 'SELL']),
  type: z.enum(['MARKET', 'LIMIT']),
  quantity: z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string'),
  price: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a decimal string')
    .optional(),
  reason: z.string().trim().min(1).max(500),
});

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
        summary: 'Place a manual live order (admin; every live gate must be open)',
        security: bearer,
        body: liveOrderBody,
        response: { 200: liveOrderResponse, ...errorResponses },
      },
    },
    async (request) => (await live.place(request.body, principalOf(request).actor)) as Record<string, unknown>,
  );
};
