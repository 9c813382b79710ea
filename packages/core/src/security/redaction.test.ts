import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, isTokenLike, REDACTED, redactDeep, redactText, redactUrl, urlSecrets } from './redaction.js';

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'; // the shape of Telegram's documented example
const R = REDACTED;

describe('redactUrl', () => {
  it('redacts query values and keeps their names (an API key in AI_BASE_URL)', () => {
    expect(redactUrl('https://llm-proxy.example/v1?api-key=sk-live-123&region=eu')).toBe(
      `https://llm-proxy.example/v1?api-key=${R}&region=${R}`,
    );
  });

  it('redacts the whole user-info, also a password containing "@" or ":"', () => {
    expect(redactUrl('https://alice:p@ss:w0rd@proxy.example:8443/api')).toBe(`https://${R}@proxy.example:8443/api`);
    expect(redactUrl('http://token@ollama.local:11434')).toBe(`http://${R}@ollama.local:11434`);
    expect(redactUrl('https://alice:p%40ss@proxy.example')).toBe(`https://${R}@proxy.example`);
  });

  it('redacts token-like path segments: a bot token (with or without "bot"), a UUID, a long mixed-case key', () => {
    expect(redactUrl(`https://warden.example/tg/${BOT_TOKEN}/hook`)).toBe(`https://warden.example/tg/${R}/hook`);
    expect(redactUrl(`https://api.telegram.org/bot${BOT_TOKEN}/getMe`)).toBe(`https://api.telegram.org/${R}/getMe`);
    expect(redactUrl('https://hooks.example/3f1c2b9e-8d7a-4c6b-9e5f-0a1b2c3d4e5f')).toBe(`https://hooks.example/${R}`);
    expect(redactUrl('https://hooks.example/in/Xk29sLq0Pz81Mn3vB7wQ')).toBe(`https://hooks.example/in/${R}`);
  });

  it('keeps ordinary paths, hosts, ports and model names', () => {
    for (const url of [
      'https://api.binance.com',
      'https://testnet.binance.vision/api/v3/exchangeInfo',
      'http://127.0.0.1:11434/api',
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash-001:streamGenerateContent',
      'https://api.openai.com/v1/chat/completions',
      'http://[::1]:8080/api/events',
    ])
      expect(redactUrl(url)).toBe(url);
    expect(redactUrl('https://x.example/a?verbose')).toBe('https://x.example/a?verbose');
  });

  it('redacts the fragment', () => {
    expect(redactUrl('https://x.example/cb#access_token=abc')).toBe(`https://x.example/cb#${R}`);
  });

  it('never leaves any part of the user-info, whatever the password (property)', () => {
    const password = fc.string({ unit: fc.constantFrom(...'abcXYZ019@:!$%&*+=~.-_'.split('')), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(password, fc.constantFrom('proxy.example', 'h.example:8443', '10.0.0.1'), (pw, host) => {
        expect(redactUrl(`https://user:${pw}@${host}/v1`)).toBe(`https://${R}@${host}/v1`);
      }),
    );
  });

  it('redacts every query value, whatever it holds (property)', () => {
    const value = fc.string({ unit: fc.constantFrom(...'abcXYZ019@:/?!$%*+=~.-_'.split('')), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (values) => {
        const query = values.map((v, i) => `k${i}=${v}`).join('&');
        expect(redactUrl(`https://x.example/p?${query}`)).toBe(`https://x.example/p?${values.map((_, i) => `k${i}=${R}`).join('&')}`);
      }),
    );
  });
});

describe('redactText', () => {
  it('redacts URLs inside messages and keeps the punctuation around them', () => {
    expect(redactText('fetch failed (https://u:pw@proxy.example/v1?key=abc). Retrying.')).toBe(
      `fetch failed (https://${R}@proxy.example/v1?key=${R}). Retrying.`,
    );
    expect(redactText(`POST https://api.telegram.org/bot${BOT_TOKEN}/sendMessage: 502`)).toBe(
      `POST https://api.telegram.org/${R}/sendMessage: 502`,
    );
  });

  it('redacts known secrets anywhere, also JSON-escaped and percent-encoded, but not short ones', () => {
    const secret = 'pa"ss word/1';
    expect(redactText(`a ${secret} b`, [secret])).toBe(`a ${R} b`);
    expect(redactText(JSON.stringify({ v: secret }), [secret])).toBe(`{"v":"${R}"}`);
    expect(redactText(`x=${encodeURIComponent(secret)}`, [secret])).toBe(`x=${R}`);
    expect(redactText('route /tg/hook', ['hook'])).toBe('route /tg/hook');
  });

  it('is idempotent: redacting twice changes nothing more (property)', () => {
    const piece = fc.constantFrom(
      'https://',
      'http://a:b@',
      'h.example',
      '/',
      '?',
      '&',
      '=',
      '#',
      '@',
      ':',
      ')',
      ']',
      '.',
      ' ',
      'x',
      'K9',
      BOT_TOKEN,
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        const once = redactText(pieces.join(''));
        expect(redactText(once)).toBe(once);
      }),
    );
  });
});

describe('createRedactor', () => {
  it('gives exactly what redactText gives, for any text and any secrets (property)', () => {
    const unit = fc.constantFrom(...'aZ9 "\\/:@?&=#%.-_'.split(''), 'https://', 'sk-live', BOT_TOKEN);
    const text = fc.array(unit, { maxLength: 40 }).map((units) => units.join(''));
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 4 }), (before, after, secrets) => {
        // The secrets themselves (JSON-escaped too) appear in the text, so the known-value path always runs.
        const sample = `${before}${secrets.join(' ')}${JSON.stringify(secrets)}${after}`;
        expect(createRedactor(secrets)(sample)).toBe(redactText(sample, secrets));
      }),
    );
  });

  it('keeps the secrets it was made with, whatever later happens to the array', () => {
    const secrets = ['sk-live-0123456789'];
    const redact = createRedactor(secrets);
    secrets.length = 0;
    expect(redact('key sk-live-0123456789 leaked')).toBe(`key ${R} leaked`);
  });
});

describe('urlSecrets and redactDeep', () => {
  it('lists the secret parts of a URL, raw and decoded', () => {
    expect(urlSecrets(`https://al:p%40ss@h.example/tg/${BOT_TOKEN}?api-key=k1&x`).sort()).toEqual(
      ['al:p%40ss', 'al:p@ss', 'p%40ss', 'p@ss', BOT_TOKEN, 'k1'].sort(),
    );
    expect(urlSecrets('https://api.binance.com')).toEqual([]);
  });

  it('redactDeep redacts every nested string', () => {
    expect(redactDeep({ e: ['see https://u:p@h.example'], n: 1, k: { 'token-123456': 'token-123456' } }, ['token-123456'])).toEqual({
      e: [`see https://${R}@h.example`],
      n: 1,
      k: { [R]: R },
    });
  });

  it('isTokenLike tells credentials from names', () => {
    expect(isTokenLike(BOT_TOKEN)).toBe(true);
    expect(isTokenLike('0123456789abcdef0123456789abcdef')).toBe(true);
    for (const name of ['v1', 'exchangeInfo', 'gpt-4o-2024-08-06', 'completions', 'gemini-2.0-flash-thinking-exp-01-21'])
      expect(isTokenLike(name)).toBe(false);
  });
});
