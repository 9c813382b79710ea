import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';
import { eventHash, GENESIS_HASH } from './sqliteAuditLog.js';

/** The row hash as the chain has always defined it: sha256 of the canonical JSON of every column but the id. */
function definedHash(prevHash: string, e: Parameters<typeof eventHash>[1]): string {
  const { inputsJson, ...rest } = e;
  return createHash('sha256')
    .update(canonicalJson({ prevHash, ...rest, inputs: inputsJson }))
    .digest('hex');
}

describe('eventHash', () => {
  it('is the sha256 of the canonical JSON of the row, for any content (rows hashed before stay verifiable)', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', '"', '\\', '\u2028', '\ud800'));
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(GENESIS_HASH), fc.stringMatching(/^[0-9a-f]{64}$/)),
        fc.record({
          time: fc.oneof(fc.integer(), fc.double()),
          type: text,
          actor: text,
          reason: text,
          inputsJson: text,
          outcome: text,
          correlationId: fc.option(text),
        }),
        (prevHash, row) => {
          expect(eventHash(prevHash, row)).toBe(definedHash(prevHash, row));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives a first row the hash it has always had', () => {
    const row = {
      time: 1,
      type: 'state.changed',
      actor: 'system',
      reason: 'start',
      inputsJson: '{"a":1}',
      outcome: 'ok',
      correlationId: null,
    };
    expect(eventHash(GENESIS_HASH, row)).toBe('fbf5017e191cae54b73b41b67932031516aef8132debecad0918a1b3bcdaf9ae');
  });
});
