import { redactConfig } from '@warden/core/config/parseConfig';
import { z } from 'zod';
import { bearer, errorResponses, type RoutePlugin } from '../context.js';

const configResponse = z.object({
  env: z.record(z.string(), z.unknown()).describe('environment settings; secrets are "[redacted]" (or null when unset)'),
  runtime: z
    .array(z.object({ key: z.string(), value: z.unknown(), updatedAt: z.number(), updatedBy: z.string() }))
    .readonly()
    .describe('the config table: state, active strategy, parameters'),
});

export const configRoutes: RoutePlugin = async (app, { deps }) => {
  app.get(
    '/config',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['system'],
        operationId: 'getConfig',
        summary: 'Effective configuration, secrets redacted',
        security: bearer,
        response: { 200: configResponse, ...errorResponses },
      },
    },
    async () => ({ env: redactConfig(deps.config), runtime: deps.store.config.all() }),
  );
};
