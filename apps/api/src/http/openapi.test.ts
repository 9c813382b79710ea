import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { OpenAPIV3 } from 'openapi-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ApiHarness, startApi } from '../testing/apiHarness.js';
import { derivedOperationId, finishDocument } from './openapi.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  vi.unstubAllGlobals();
  await h?.close();
  h = null;
});

type Operation = OpenAPIV3.OperationObject & { method: string; path: string };

function operations(doc: OpenAPIV3.Document): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item ?? {})
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(method))
      .map(([method, op]) => ({ ...(op as OpenAPIV3.OperationObject), method, path })),
  );
}

/** The document as a running server (auth on, live orders wired) serves it. */
async function servedDocument(): Promise<{ text: string; doc: OpenAPIV3.Document }> {
  h = await startApi({ auth: true });
  const res = await h.request('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  return { text: res.text, doc: res.body as OpenAPIV3.Document };
}

describe('the OpenAPI document at /api/openapi.json', () => {
  it("passes Redocly's recommended rules with no error and no warning, without touching the network", async () => {
    const { text } = await servedDocument();
    // Linting must be local: any attempt to fetch something fails the run.
    vi.stubGlobal('fetch', () => Promise.reject(new Error('the linter tried to use the network')));
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
    const report = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    expect(report).toEqual([]);
  });

  it('gives every operation a unique camelCase operationId, the ones clients rely on included', async () => {
    const { doc } = await servedDocument();
    const ids = operations(doc).map((op) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    const byRoute = Object.fromEntries(operations(doc).map((op) => [`${op.method.toUpperCase()} ${op.path}`, op.operationId]));
    expect(byRoute).toMatchObject({
      'GET /api/health': 'getHealth',
      'POST /api/auth/login': 'login',
      'GET /api/system/status': 'getSystemStatus',
      'POST /api/system/pause': 'pauseTrading',
      'POST /api/system/resume': 'resumeTrading',
      'POST /api/system/emergency-stop': 'emergencyStop',
      'GET /api/approvals/{id}': 'getApproval',
      'PATCH /api/users/{username}': 'updateUser',
    });
  });

  it('marks the public operations as needing no token and every other one as bearer-only, each with its 4XX answers', async () => {
    const { doc } = await servedDocument();
    for (const op of operations(doc)) {
      const isPublic = op.path === '/api/health' || op.path === '/api/auth/login';
      expect(op.security, `${op.method} ${op.path}`).toEqual(isPublic ? [] : [{ bearerAuth: [] }]);
      expect(op.responses?.['4XX'], `${op.method} ${op.path}`).toBeDefined();
    }
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });
});

describe('finishDocument', () => {
  it('derives a camelCase operationId from method and path for an operation that names none', () => {
    expect(derivedOperationId('get', '/api/approvals/{id}')).toBe('getApprovalsId');
    expect(derivedOperationId('POST', '/api/system/emergency-stop')).toBe('postSystemEmergencyStop');
    expect(derivedOperationId('get', '/metrics')).toBe('getMetrics');
  });

  it('keeps the component schemas operations use, directly or through another schema, and drops the rest', () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const doc = finishDocument({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: { operationId: 'getA', responses: { 200: { description: 'ok', content: { 'application/json': { schema: ref('Page') } } } } },
        },
        '/b': { post: { responses: { 200: { description: 'ok' } } } },
      },
      components: {
        schemas: {
          Page: { type: 'object', properties: { items: { type: 'array', items: ref('Item') } } },
          Item: { type: 'object' },
          ItemInput: { type: 'object' },
        },
      },
    });
    expect(Object.keys(doc.components?.schemas ?? {}).sort()).toEqual(['Item', 'Page']);
    expect(doc.paths['/a']?.get?.operationId).toBe('getA');
    expect(doc.paths['/b']?.post?.operationId).toBe('postB');
  });
});
