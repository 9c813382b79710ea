import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../../testing/apiHarness.js';

/** Reads an SSE response until `text` has arrived; the test's own timeout bounds the wait. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, seen: { text: string }, needle: string): Promise<string> {
  const decoder = new TextDecoder();
  while (!seen.text.includes(needle)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before "${needle}"; got: ${seen.text}`);
    seen.text += decoder.decode(value, { stream: true });
  }
  return seen.text;
}

describe('GET /api/stream (Server-Sent Events)', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApi({ auth: true });
  });
  afterEach(() => h.close());

  it('sends ready with the status, then each published update as an event named by its kind', async () => {
    const token = await h.login('viewer');
    const res = await fetch(`${h.url}/api/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const seen = { text: '' };
    await readUntil(reader, seen, 'event: ready');
    expect(seen.text).toContain('"actor":"user:viewer"');

    h.live.publish({ kind: 'fill', time: 1, data: { tradeId: 't-42' } });
    await readUntil(reader, seen, 't-42');
    expect(seen.text).toMatch(/event: fill\ndata: \{"kind":"fill","time":1,"data":\{"tradeId":"t-42"\}\}\n\n/);

    // A state change made through the API reaches the stream via the control service.
    await h.request('POST', '/api/system/pause', { token: await h.login('operator'), body: { reason: 'lunch' } });
    await readUntil(reader, seen, 'event: state');
    expect(seen.text).toContain('"to":"PAUSED"');
    await reader.cancel();
  });

  it('unsubscribes when the client goes away', async () => {
    const token = await h.login('viewer');
    const res = await fetch(`${h.url}/api/stream?token=${token}`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await readUntil(reader, { text: '' }, 'event: ready');
    expect(h.live.subscriberCount).toBe(1);
    await reader.cancel();
    // The server notices the closed socket asynchronously: publishing until then is harmless.
    while (h.live.subscriberCount > 0) {
      h.live.publish({ kind: 'cycle', time: 2, data: {} });
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(h.live.subscriberCount).toBe(0);
  });

  it('ends an open stream with a logout event once its token is revoked', async () => {
    await h.close();
    h = await startApi({ auth: true, streamKeepAliveMs: 25 });
    const token = await h.login('viewer');
    const res = await fetch(`${h.url}/api/stream?token=${token}`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const seen = { text: '' };
    await readUntil(reader, seen, ': keep-alive'); // a re-check with a valid token keeps the stream open
    expect(seen.text).not.toContain('event: logout');
    await h.request('POST', '/api/auth/logout', { token });
    await readUntil(reader, seen, 'event: logout');
    expect((await reader.read()).done).toBe(true);
  });

  it('refuses a missing or bad token with 401 JSON, not a stream', async () => {
    const res = await fetch(`${h.url}/api/stream?token=nope`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });
});
