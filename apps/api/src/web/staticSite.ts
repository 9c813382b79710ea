import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../http/errorBody.js';

/** True when `webRoot` holds a built panel (index.html). */
export function hasWebBuild(webRoot: string | null): webRoot is string {
  return webRoot !== null && existsSync(join(webRoot, 'index.html'));
}

/**
 * Serves the built web panel at `/`. Unknown non-API GETs that accept HTML get index.html so the
 * panel's client-side routes survive a reload; everything else gets the JSON 404.
 */
export async function registerWebAndNotFound(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const web = hasWebBuild(webRoot);
  if (web) await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (web && wantsPage) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
