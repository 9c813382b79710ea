import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every answer: the built panel and Swagger UI load their scripts,
 * styles and fonts from this server only and talk to it alone (fetch and the event stream); icons
 * may be data: URLs; nothing may frame the pages (click-jacking the emergency stop or resume),
 * submit forms elsewhere, load plugins or run inline script. Inline *styles* stay allowed: the
 * chart library and Swagger UI set them.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
} as const;

/**
 * Security headers on the panel, the docs and the API, by @fastify/helmet: the CSP above,
 * `X-Frame-Options: DENY` (for browsers without frame-ancestors), `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer`, and helmet's cross-origin isolation headers. HSTS is left to the
 * TLS-terminating proxy (Warden itself serves plain HTTP, usually on loopback), and so is
 * upgrade-insecure-requests, which would break the panel on http://127.0.0.1.
 *
 * Every answer under `/api/` also gets `Cache-Control: no-store`: balances, orders, tokens and the
 * audit trail must not stay in a browser or proxy cache.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES } },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
