import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

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

/** helmet's options for Warden: the CSP above, no framing, no referrer, HSTS left to the TLS proxy. */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES } },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
};

/**
 * The headers helmet sets with HELMET_OPTIONS, worked out once by running its middleware against a
 * recording response. They depend on nothing in the request (no CSP nonces), so every answer can
 * carry the same set; helmet's own per-request run rebuilt and re-parsed the CSP each time.
 */
export function securityHeaderSet(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  helmet(HELMET_OPTIONS)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error ?? null;
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}

/**
 * Security headers on the panel, the docs and the API, as helmet sets them: the CSP above,
 * `X-Frame-Options: DENY` (for browsers without frame-ancestors), `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer`, and helmet's cross-origin isolation headers. HSTS is left to the
 * TLS-terminating proxy (Warden itself serves plain HTTP, usually on loopback), and so is
 * upgrade-insecure-requests, which would break the panel on http://127.0.0.1. They are set when the
 * request arrives, so errors, 404s and the hijacked event stream carry them too.
 *
 * Every answer under `/api/` also gets `Cache-Control: no-store` (set last, over anything a route
 * or the static file server set): balances, orders, tokens and the audit trail must not stay in a
 * browser or proxy cache.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaderSet();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
