import type { FastifyInstance } from 'fastify';

/**
 * The last step of every JSON answer (data, errors, the OpenAPI document): the config's redactor
 * (`createRedactor(configSecrets(config))`, the same rules as `redactText`), so no key, token or URL
 * credential reaches a client even when it hides in an error message or a stored value. Streams
 * (static files, the event stream) are not touched here; the event stream redacts each event itself.
 */
export function redactResponses(app: FastifyInstance, redact: (text: string) => string): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').includes('json')) done(null, redact(payload));
    else done(null, payload);
  });
}
