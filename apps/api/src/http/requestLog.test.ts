import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../testing/apiHarness.js';
import { requestLogLevel } from './requestLog.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

interface Line {
  level: number;
  msg: string;
  method: string;
  route: string;
  status: number;
  actor: string | null;
}

async function withLog(level: string): Promise<{ h: ApiHarness; requests: () => Line[]; raw: () => string }> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  h = await startApi({ auth: true, deps: { logger: pino({ level }, sink) } });
  const requests = () =>
    lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => l.msg === 'request');
  return { h, requests, raw: () => lines.join('') };
}

describe('request log', () => {
  it('logs writes, client errors and refusals at info and above, routine reads only at debug', async () => {
    const { h, requests } = await withLog('info');
    const operator = await h.login('operator');
    await h.request('GET', '/api/system/status', { token: operator });
    await h.request('GET', '/api/orders?limit=5', { token: operator });
    await h.request('POST', '/api/system/pause', { token: operator, body: { reason: 'log test' } });
    await h.request('GET', '/api/orders?staus=NEW', { token: operator });
    await h.request('GET', '/api/system/status');
    const seen = requests().map((l) => [l.level, l.method, l.route, l.status, l.actor]);
    expect(seen).toEqual([
      [30, 'POST', '/api/auth/login', 200, null],
      [30, 'POST', '/api/system/pause', 200, 'user:operator'],
      [30, 'GET', '/api/orders', 400, 'user:operator'],
      [40, 'GET', '/api/system/status', 401, null],
    ]);
  });

  it('at LOG_LEVEL=debug logs every read too, with the route pattern and never the query (which may hold a token)', async () => {
    const { h, requests, raw } = await withLog('debug');
    const viewer = await h.login('viewer');
    await h.request('GET', '/api/system/status', { token: viewer });
    await h.request('HEAD', `/api/stream?token=${viewer}`);
    expect(
      requests()
        .filter((l) => l.level === 20)
        .map((l) => [l.method, l.route, l.status]),
    ).toEqual([
      ['GET', '/api/system/status', 200],
      ['HEAD', '/api/stream', 200],
    ]);
    expect(raw()).not.toContain(viewer);
  });

  it('levels: 5xx error, 401/403/429 warn, other writes and 4xx info, successful reads debug', () => {
    expect(requestLogLevel('GET', 500)).toBe('error');
    expect(requestLogLevel('POST', 503)).toBe('error');
    for (const status of [401, 403, 429]) expect(requestLogLevel('GET', status)).toBe('warn');
    expect(requestLogLevel('GET', 404)).toBe('info');
    expect(requestLogLevel('DELETE', 200)).toBe('info');
    expect(requestLogLevel('GET', 200)).toBe('debug');
    expect(requestLogLevel('HEAD', 304)).toBe('debug');
  });
});
