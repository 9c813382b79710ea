import { createRedactor, redactDeep } from '@warden/core/security/redaction';
import { wellFormed, wellFormedDeep } from '@warden/core/security/wellFormed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditInputsJson } from './auditInputs.js';
import { canonicalJson } from './canonicalJson.js';
import { redactSecrets } from './redactSecrets.js';

const SECRETS = ['SECRETVALUE1', 'SECRETVALUE2', 'hunter2hunter2'];
const text = { wellFormed, redact: createRedactor(SECRETS) };
const inputsJson = auditInputsJson(text);
/** How the audit log made an event's inputs before: four deep copies, then canonical JSON. */
const composed = (value: unknown) => canonicalJson(redactDeep(wellFormedDeep(redactSecrets(value)), text.redact));

/** An object with exactly these own keys, `__proto__` included (an assignment would set the prototype instead). */
function objectOf(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

// Keys and strings that exercise every rule: credential-like keys, lone surrogates (two keys that
// become the same once well-formed), known secrets (two keys that become the same once redacted),
// URLs with credentials, integer-like keys (which objects order first), and __proto__.
const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('__proto__', 'apiKey', 'password', 'token', 'Token', 'x_token', 'bot_token', 'authorization', 'secretive', 'reason'),
  fc.constantFrom('\ud800', '\udc00', '\ufffd', 'k\ud800', 'k\udc00', 'k\ufffd', 'a SECRETVALUE1 b', 'a SECRETVALUE2 b', 'a [redacted] b'),
  fc.constantFrom('0', '1', '2', '10', '-1', '01', 'https://u:p@h.example/x?key=v', 'hunter2hunter2'),
);
const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    '',
    'SECRETVALUE1',
    'see https://user:pw@host.example/path?token=abc#frag',
    '\ud800x',
    'x\udc00',
    'hunter2hunter2 and SECRETVALUE2',
  ),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined, -0, Number.NaN, Number.POSITIVE_INFINITY, 10n ** 20n, new Date(0), Math.max, Symbol('s')),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.oneof(fc.array(tie('tree'), { maxLength: 4 }), fc.sparseArray(tie('tree'), { maxLength: 4 })),
  object: fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map(objectOf),
}));
/** Nesting around 20 levels deep, where `[too deep]` starts. */
const deep = fc
  .tuple(fc.integer({ min: 17, max: 24 }), fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), leaf, key)
  .map(([levels, arrays, inner, k]) => {
    let v: unknown = inner;
    for (let i = 0; i < levels; i++) v = arrays[i] ? [v] : objectOf([[k, v]]);
    return v;
  });

describe('auditInputsJson', () => {
  it('stores exactly what the four copies and canonical JSON stored, for any inputs', () => {
    fc.assert(
      fc.property(fc.oneof(tree, deep), (value) => {
        expect(inputsJson(value)).toBe(composed(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('redacts, cleans, sorts and drops as the audit log documents', () => {
    const value = objectOf([
      ['b', 1],
      ['apiKey', 'k-123'],
      ['a', 'https://u:p@h.example/x?sig=1'],
      ['gone', undefined],
      ['\ud800', 'x\udc00'],
      ['note', 'SECRETVALUE1'],
      ['n', 5n],
    ]);
    expect(inputsJson(value)).toBe(
      '{"a":"https://[redacted]@h.example/x?sig=[redacted]","apiKey":"[redacted]","b":1,"n":"5","note":"[redacted]","\ufffd":"x\ufffd"}',
    );
    expect(inputsJson(value)).toBe(composed(value));
  });

  it('drops a __proto__ key without letting its value reach the stored JSON (not even a toJSON in it)', () => {
    const value = objectOf([
      ['a', 1],
      ['__proto__', objectOf([['toJSON', () => 'hijacked']])],
    ]);
    expect(inputsJson(value)).toBe('{"a":1}');
    expect(inputsJson(value)).toBe(composed(value));
  });

  it('keeps the key the copies kept when cleaning makes two keys equal', () => {
    const value = objectOf([
      ['\udc00', 'second-surrogate'],
      ['\ud800', 'first-surrogate'],
      ['a SECRETVALUE2 b', 'two'],
      ['a SECRETVALUE1 b', 'one'],
      ['__proto__', { polluted: true }],
    ]);
    expect(inputsJson(value)).toBe(composed(value));
  });
});
