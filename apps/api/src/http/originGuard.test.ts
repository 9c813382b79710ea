import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../testing/apiHarness.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** fetch sets Host itself; node:http lets the test send the Host header a rebound DNS name would carry. */
function statusWithHost(url: string, path: string, host: string, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + path, { headers: { host, ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-borne requests', () => {
  it('refuses a cross-origin POST (a page on another site) and changes nothing, but allows same-origin and non-browser calls', async () => {
    h = await startApi({ auth: false });
    const evil = await h.request('POST', '/api/system/emergency-stop', { headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(h.services.control.state()).toBe('RUNNING');
    const host = new URL(h.url).host;
    expect((await h.request('POST', '/api/system/pause', { headers: { origin: `http://${host}` } })).status).toBe(200);
    expect((await h.request('POST', '/api/system/resume')).status).toBe(200); // curl sends no Origin
  });

  it('in local trusted mode answers only loopback Host names (DNS rebinding)', async () => {
    h = await startApi({ auth: false });
    expect(await statusWithHost(h.url, '/api/system/status', 'rebound.evil.example:8080')).toBe(403);
    expect(await statusWithHost(h.url, '/api/system/status', 'localhost:8080')).toBe(200);
  });

  it('with auth on, any Host name is served (tokens protect it); cross-origin writes are still refused', async () => {
    h = await startApi({ auth: true });
    const admin = await h.login('admin');
    expect(await statusWithHost(h.url, '/api/system/status', 'warden.lan:8080', admin)).toBe(200);
    expect((await h.request('POST', '/api/system/pause', { token: admin, headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });
});
