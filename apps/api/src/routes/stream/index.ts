import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';
import { openSse, SSE_HEADERS, SSE_KEEP_ALIVE, sseEvent, sseUpdate } from './sse.js';

export const KEEP_ALIVE_MS = 15_000;

const streamQuery = z.strictObject({ token: z.string().max(4096).optional().describe('bearer token (EventSource cannot set headers)') });

/**
 * `GET /api/stream`: every LiveUpdate (state, scheduler, cycle, order, fill, approval, event,
 * equity) as it is published, after the commit that caused it. The first event, `ready`, carries
 * the current system status so a client never starts blind. At each keep-alive the token is
 * re-checked, so logout or a role change also ends open streams.
 */
export const streamRoutes: RoutePlugin = async (app, { deps, auth, streamKeepAliveMs, redact }) => {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });

  app.get(
    '/stream',
    {
      config: { access: 'viewer', queryToken: true },
      schema: {
        tags: ['system'],
        operationId: 'streamUpdates',
        summary: 'Server-Sent Events of live updates',
        description: 'text/event-stream; events named by kind, data is a LiveUpdate JSON.',
        security: bearer,
        querystring: streamQuery,
        response: {
          200: {
            description: 'the event stream (HEAD: its headers only)',
            content: { 'text/event-stream': { schema: z.string().describe('`event: <kind>` and `data: <LiveUpdate JSON>` lines') } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      // HEAD (which fastify routes here too) learns the headers of a stream and gets no stream: answered at once, nothing subscribed.
      if (request.method === 'HEAD') return reply.code(200).headers(SSE_HEADERS).send('');
      const principal = principalOf(request);
      const token = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? request.query.token ?? null;
      reply.hijack();
      const raw = reply.raw;
      // Hijacked: the headers set so far (security headers) are written by hand with the stream's own.
      openSse(raw, reply.getHeaders());
      open.add(raw);
      const unsubscribe = deps.liveUpdates.subscribe((update) => raw.write(redact(sseUpdate(update))));
      const keepAlive = setInterval(() => {
        raw.write(SSE_KEEP_ALIVE);
        if (auth && token) {
          void auth.authenticate(token).then((still) => {
            if (!still) raw.end(sseEvent('logout', { reason: 'token expired or revoked' }));
          });
        }
      }, streamKeepAliveMs);
      const close = () => {
        clearInterval(keepAlive);
        unsubscribe();
        open.delete(raw);
      };
      raw.on('close', close);
      raw.write(redact(sseEvent('ready', { actor: principal.actor.id, status: deps.control.status() })));
    },
  );
};
