import { z } from 'zod';
import { errorResponses, type RoutePlugin } from '../context.js';

const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  time: z.number(),
  /** Tells the web panel whether to show a login form before it has a token. */
  authEnabled: z.boolean(),
});

export const healthRoutes: RoutePlugin = async (app, { deps, version }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        operationId: 'getHealth',
        summary: 'Liveness; public',
        security: [],
        response: { 200: healthSchema, ...errorResponses },
      },
    },
    async () => ({
      status: 'ok' as const,
      version,
      time: deps.clock.now(),
      authEnabled: deps.config.AUTH_ENABLED,
    }),
  );
};
