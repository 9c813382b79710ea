import { Writable } from 'node:stream';
import { parseConfig } from '@warden/core/config/parseConfig';
import { describe, expect, it } from 'vitest';
import { createLogger } from './context.js';

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('the process logger', () => {
  it('writes no known secret and no URL credential, in fields, messages or error stacks', () => {
    const config = parseConfig({
      AI_BASE_URL: 'https://llm-proxy.example/v1?api-key=sk-proxy-key-0123',
      BINANCE_BASE_URL: 'https://trader:p@ss-w0rd@binance-proxy.example:8443',
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      OPENAI_API_KEY: 'sk-openai-canary-456',
    });
    const lines: string[] = [];
    const log = createLogger(
      config,
      new Writable({
        write: (chunk, _enc, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    log.info({ baseUrl: config.AI_BASE_URL, proxy: config.BINANCE_BASE_URL }, `calling ${config.AI_BASE_URL}`);
    log.warn({ err: new Error(`POST https://api.telegram.org/bot${BOT_TOKEN}/getMe failed`) }, 'telegram down');
    log.error({ detail: { nested: 'key sk-openai-canary-456 refused' } }, 'llm failed');
    const text = lines.join('');
    for (const secret of ['sk-proxy-key-0123', 'p@ss-w0rd', 'trader', BOT_TOKEN, 'sk-openai-canary-456'])
      expect(text).not.toContain(secret);
    expect(text).toContain('https://llm-proxy.example/v1?api-key=[redacted]');
    expect(text).toContain('https://[redacted]@binance-proxy.example:8443');
    expect(text).toContain('https://api.telegram.org/bot[redacted]/getMe'); // the known token goes first
    expect(lines).toHaveLength(3);
  });
});
