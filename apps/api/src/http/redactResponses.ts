import { redactText } from '@warden/core/security/redaction';
import type { FastifyInstance } from 'fastify';

/**
 * The last step of every JSON answer (data, errors, the OpenAPI document): `redactText` with the
 * config's known secrets, so no key, token or URL credential reaches a client even when it hides
 * in an error message or a stored value. Streams (static files, the event stream) are not touched
 * here; the event stream redacts each event itself.
 */
export function redactResponses(app: FastifyInstance, secrets: readonly string[]): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload !== 'string') return payload;
    return String(reply.getHeader('content-type') ?? '').includes('json') ? redactText(payload, secrets) : payload;
  });
}
