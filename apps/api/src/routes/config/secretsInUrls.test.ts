import { TransientExchangeError } from '@warden/core/errors/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../../testing/apiHarness.js';

let h: ApiHarness;
afterEach(() => h.close());

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
/** Every URL-valued setting, each hiding a secret the way users put them there. */
const URL_SETTINGS = {
  AI_BASE_URL: 'https://llm-proxy.example/v1?api-key=sk-proxy-key-0123',
  BINANCE_BASE_URL: 'https://trader:p@ss-w0rd@binance-proxy.example:8443',
  TELEGRAM_API_URL: `https://tg-relay.example/relay/${BOT_TOKEN}`,
  TELEGRAM_WEBHOOK_URL: `https://warden.example/telegram/${BOT_TOKEN}/hook`,
};
const SECRET_PARTS = ['sk-proxy-key-0123', 'p@ss-w0rd', 'trader:', BOT_TOKEN, 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'];

describe('secrets inside URL settings', () => {
  it('GET /api/config shows each URL setting with its user-info, query values and token-like path segments redacted', async () => {
    h = await startApi({ auth: true, env: URL_SETTINGS });
    const res = await h.request('GET', '/api/config', { token: await h.login('viewer') });
    expect(res.status).toBe(200);
    for (const secret of SECRET_PARTS) expect(res.text).not.toContain(secret);
    expect(res.body.env).toMatchObject({
      AI_BASE_URL: 'https://llm-proxy.example/v1?api-key=[redacted]',
      BINANCE_BASE_URL: 'https://[redacted]@binance-proxy.example:8443',
      TELEGRAM_API_URL: 'https://tg-relay.example/relay/[redacted]',
      TELEGRAM_WEBHOOK_URL: 'https://warden.example/telegram/[redacted]/hook',
    });
  });

  it('error messages that carry a URL or a known secret reach the client redacted', async () => {
    h = await startApi({
      auth: true,
      env: URL_SETTINGS,
      deps: {
        liveOrders: {
          place: async () => {
            throw new TransientExchangeError(
              `binance POST https://trader:p@ss-w0rd@binance-proxy.example:8443/api/v3/order?signature=abc123def&timestamp=1 failed; relay ${BOT_TOKEN} down`,
              2000,
            );
          },
        },
      },
    });
    const res = await h.request('POST', '/api/live/orders', {
      token: await h.login('admin'),
      body: { side: 'BUY', type: 'MARKET', quantity: '0.001', reason: 'test' },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    for (const secret of [...SECRET_PARTS, 'abc123def']) expect(res.text).not.toContain(secret);
    expect(res.body.error.message).toContain(
      'https://[redacted]@binance-proxy.example:8443/api/v3/order?signature=[redacted]&timestamp=[redacted]',
    );
  });

  it('events on the live stream are redacted too', async () => {
    h = await startApi({ auth: true, env: URL_SETTINGS });
    const res = await fetch(`${h.url}/api/stream`, { headers: { authorization: `Bearer ${await h.login('viewer')}` } });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    h.live.publish({ kind: 'cycle', time: 1, data: { error: `GET https://u:pw@x.example/?k=v failed ${BOT_TOKEN}` } });
    while (!text.includes('event: cycle')) text += decoder.decode((await reader.read()).value, { stream: true });
    while (!text.includes('failed')) text += decoder.decode((await reader.read()).value, { stream: true });
    await reader.cancel();
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).toContain('GET https://[redacted]@x.example/?k=[redacted] failed [redacted]');
  });
});
