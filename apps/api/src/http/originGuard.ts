import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ApiError } from './apiError.js';
import { forbidden } from './apiError.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostname(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? host);
}

/**
 * Browser-borne attacks on a local bot. A web page the operator visits can send body-less POSTs
 * to 127.0.0.1 without a CORS preflight, and with DNS rebinding can even read responses. So:
 * state-changing requests that a browser marks as coming from another origin are refused, and in
 * local trusted mode (no tokens at all) only loopback Host names are served.
 */
export function originGuard(authEnabled: boolean) {
  // A callback hook (no promise per request): this runs on every API call.
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    done(refusal(request, authEnabled));
  };
}

function refusal(request: FastifyRequest, authEnabled: boolean): ApiError | undefined {
  const host = request.headers.host ?? '';
  if (!authEnabled && !LOOPBACK_HOSTS.has(hostname(host))) {
    return forbidden(`local trusted mode (AUTH_ENABLED=false) answers only loopback host names, not "${host}"`, { host });
  }
  const origin = request.headers.origin;
  if (origin && !SAFE_METHODS.has(request.method)) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== host) return forbidden(`cross-origin ${request.method} refused (origin ${origin})`, { origin });
  }
  return undefined;
}
