import { configSecrets } from '@warden/core/config/parseConfig';
import { createRedactor } from '@warden/core/security/redaction';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { accessHook } from './auth/accessHook.js';
import { type AuthService, createAuthService } from './auth/authService.js';
import type { ApiDeps } from './deps.js';
import { handleError } from './http/errorHandler.js';
import { lazyChildLoggerFactory } from './http/lazyRequestLogger.js';
import { registerOpenApi } from './http/openapi.js';
import { originGuard } from './http/originGuard.js';
import { redactResponses } from './http/redactResponses.js';
import { logResponses } from './http/requestLog.js';
import { responseSerializerCompiler } from './http/responseSerializer.js';
import { registerSecurityHeaders } from './http/securityHeaders.js';
import { strictInput } from './http/strictInput.js';
import { advisorRoutes } from './routes/advisor/index.js';
import { approvalRoutes } from './routes/approvals/index.js';
import { authRoutes } from './routes/auth/index.js';
import { candleRoutes } from './routes/candles/index.js';
import { configRoutes } from './routes/config/index.js';
import type { RouteContext } from './routes/context.js';
import { eventRoutes } from './routes/events/index.js';
import { healthRoutes } from './routes/health/index.js';
import { liveOrderRoutes } from './routes/live/index.js';
import { registerMetricsRoute } from './routes/metrics/index.js';
import { pairRoutes } from './routes/pairs/index.js';
import { portfolioRoutes } from './routes/portfolio/index.js';
import { strategyRoutes } from './routes/strategy/index.js';
import { KEEP_ALIVE_MS, streamRoutes } from './routes/stream/index.js';
import { systemRoutes } from './routes/system/index.js';
import { registerTelegramWebhook } from './routes/telegram/index.js';
import { tradingRoutes } from './routes/trading/index.js';
import { userRoutes } from './routes/users/index.js';
import { registerWebAndNotFound } from './web/staticSite.js';

/** Requests are small JSON documents; anything bigger is refused (413) before it is parsed. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * Builds the HTTP app (routes, validation, auth, OpenAPI, web panel) without listening: the caller
 * (`warden start`, tests) calls `listen`. Pipeline per request: security headers → origin guard →
 * access hook (authenticate → role) → well-formed input → zod validation (unknown query parameters
 * refused everywhere) → route → application service → response written by its schema
 * (responseSerializer.ts) → secrets redacted.
 */
export interface ApiOptions {
  /** Interval of the stream's keep-alive comment and token re-check (default 15 s; tests shorten it). */
  readonly streamKeepAliveMs?: number;
  /** Parse every answer with its zod response schema before sending it (tests; see responseSerializer.ts). Default false. */
  readonly checkResponses?: boolean;
}

export async function buildApiServer(deps: ApiDeps, options: ApiOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Fastify's own request lines would log full URLs (the stream's ?token=); requestLog.ts logs route patterns instead.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLoggerFactory,
    bodyLimit: BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Whose X-Forwarded-For names the client (login throttling, audit ip): see TRUST_PROXY.
    trustProxy: deps.config.TRUST_PROXY,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ checkResponses: options.checkResponses ?? false }));
  app.setErrorHandler(handleError);
  app.decorateRequest('principal', null);
  logResponses(app);
  registerSecurityHeaders(app);
  const redact = createRedactor(configSecrets(deps.config));
  const version = deps.control.status().version;
  redactResponses(app, redact);

  await registerOpenApi(app, version);

  const auth: AuthService | null = deps.config.AUTH_ENABLED ? createAuthService(deps.config, deps.store.users, deps.clock) : null;
  const context: RouteContext = {
    deps,
    auth,
    streamKeepAliveMs: options.streamKeepAliveMs ?? KEEP_ALIVE_MS,
    version,
    redact,
  };
  await app.register(
    async (api) => {
      strictInput(api);
      api.addHook('onRequest', originGuard(deps.config.AUTH_ENABLED));
      api.addHook('onRequest', accessHook(auth));
      for (const routes of [
        healthRoutes,
        authRoutes,
        systemRoutes,
        candleRoutes,
        tradingRoutes,
        portfolioRoutes,
        pairRoutes,
        eventRoutes,
        strategyRoutes,
        configRoutes,
        approvalRoutes,
        advisorRoutes,
        streamRoutes,
        liveOrderRoutes,
        userRoutes,
      ]) {
        await api.register(routes, context);
      }
    },
    { prefix: '/api' },
  );

  if (deps.telegramWebhook) registerTelegramWebhook(app, deps, deps.telegramWebhook);
  await registerMetricsRoute(app, context);
  await registerWebAndNotFound(app, deps.webRoot);
  return app;
}
