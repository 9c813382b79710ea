import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from './testing/apiHarness.js';
import { ROUTES } from './testing/routeTable.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** `/api/approvals/{id}/approve` (OpenAPI) and `/api/approvals/:id/approve?x=1` (route table) as one key. */
const key = (method: string, path: string) => `${method.toUpperCase()} ${path.split('?')[0]?.replace(/\{(\w+)\}/g, ':$1')}`;

describe('the RBAC matrix covers the API', () => {
  it('every route the server registers under /api is in the route table the role tests walk', async () => {
    h = await startApi({ auth: true, deps: { liveOrders: { place: async () => ({}) } } });
    const doc = (await h.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const registered = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => key(m, path)));
    const tested = new Set(ROUTES.map((r) => key(r.method, r.path)));
    expect(registered.length).toBeGreaterThan(20);
    expect(registered.filter((r) => !tested.has(r))).toEqual([]);
  });
});
