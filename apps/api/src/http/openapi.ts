import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';
import { z } from 'zod';

/** The document's tags, in the order Swagger UI shows them. */
export const OPENAPI_TAGS: readonly OpenAPIV3.TagObject[] = [
  { name: 'system', description: 'Liveness, status, the state machine (pause, resume, emergency stop) and the scheduler' },
  { name: 'auth', description: 'Log in for a bearer token, who am I, log out' },
  { name: 'market', description: 'Cached candles of the traded symbol' },
  { name: 'trading', description: 'Orders, fills, positions, equity and metrics snapshots' },
  { name: 'audit', description: 'The hash-chained audit log and its verification' },
  { name: 'strategy', description: 'The active strategy, its parameters and the effective configuration' },
  { name: 'approvals', description: 'Advisor proposals waiting for a human decision' },
  { name: 'live', description: 'Manual live orders (admin, every live gate open)' },
  { name: 'users', description: 'Accounts and roles (admin)' },
];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** `GET /api/approvals/{id}` → `getApprovalsId`: the stable fallback for an operation that names none. */
export function derivedOperationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api(?=\/|$)/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}

/** Every `$ref` target under `value`. */
function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else refsIn(v, into);
    }
  }
  return into;
}

/**
 * The finishing touches on the generated document: fastify-type-provider-zod lists an input and
 * an output variant of every schema with an id; only those an operation refers to (directly or
 * through another schema) are kept, so the document has no unused components. An operation
 * without an `operationId` gets one derived from its method and path.
 */
export function finishDocument(document: OpenAPIV3.Document): OpenAPIV3.Document {
  const paths: OpenAPIV3.PathsObject = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const next: OpenAPIV3.PathItemObject = { ...item };
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation) next[method] = { ...operation, operationId: operation.operationId ?? derivedOperationId(method, path) };
    }
    paths[path] = next;
  }
  const schemas = document.components?.schemas ?? {};
  const prefix = '#/components/schemas/';
  const used = new Set<string>();
  let pending = [...refsIn(paths, new Set())];
  while (pending.length > 0) {
    const found: string[] = [];
    for (const ref of pending) {
      const name = ref.startsWith(prefix) ? ref.slice(prefix.length) : null;
      if (name === null || used.has(name) || !(name in schemas)) continue;
      used.add(name);
      found.push(...refsIn(schemas[name], new Set()));
    }
    pending = found;
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, paths, components: { ...document.components, schemas: kept } };
}

/**
 * The OpenAPI 3 document at `GET /api/openapi.json` (generated from the same zod schemas that
 * validate requests and write responses) and Swagger UI at `/api/docs`. Lint-clean under Redocly's
 * recommended rules (see openapi.test.ts): every operation has a stable camelCase `operationId`,
 * public operations declare `security: []`, every operation lists its 4XX answers.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Warden API',
        version,
        description:
          'Supervised crypto trading bot: control, read models, approvals, live updates. Errors share one body ' +
          '(`{ error: { code, message, details } }`); times are ms since the epoch (UTC); money is exact decimal strings.',
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      },
      servers: [{ url: '/', description: 'the Warden instance serving this document' }],
      tags: [...OPENAPI_TAGS],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => finishDocument(jsonSchemaTransformObject(input) as OpenAPIV3.Document),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true, querystring: z.strictObject({}) } }, async () => app.swagger());
}
