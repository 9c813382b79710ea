import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, redactText } from './redact.js';

describe('redaction of secret-looking text', () => {
  it('removes known secret values wherever they appear', () => {
    expect(redactText('key=my-own-canary-123 ok', ['my-own-canary-123'])).toBe(`key=${REDACTED} ok`);
  });

  it('removes provider key shapes without being told the values', () => {
    const text =
      'openai sk-proj-abcdefghijklmnop1234 google AIzaSyA1234567890abcdefghijklmnopqrstu bearer Bearer abcdefghijklmnopqrstuvwxyz';
    expect(redactText(text)).not.toMatch(/sk-proj|AIzaSy|Bearer abc/);
  });

  it('walks objects and arrays, and blanks secret-named fields', () => {
    expect(redactSecrets({ apiKey: 'short', list: ['sk-ant-api03-abcdefghijklmnopqr'], n: 3 })).toEqual({
      apiKey: REDACTED,
      list: [REDACTED],
      n: 3,
    });
  });
});
