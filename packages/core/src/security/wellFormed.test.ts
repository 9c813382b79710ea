import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wellFormed, wellFormedDeep } from './wellFormed.js';

const utf8RoundTrip = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

describe('wellFormed', () => {
  it('replaces lone high and low surrogates with U+FFFD and keeps pairs', () => {
    expect(wellFormed('\ud800')).toBe('\ufffd');
    expect(wellFormed('a\udc00b')).toBe('a\ufffdb');
    expect(wellFormed('\udc00\ud800')).toBe('\ufffd\ufffd');
    expect(wellFormed('😀 \ud83d\ude00')).toBe('😀 😀');
    expect(wellFormed('\ud83d\ud83d\ude00')).toBe('\ufffd😀');
  });

  it('gives exactly what a UTF-8 store gives back, for every string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(wellFormed(s)).toBe(utf8RoundTrip(s));
        expect(wellFormed(wellFormed(s))).toBe(wellFormed(s));
      }),
    );
  });

  it('wellFormedDeep cleans nested values and keys', () => {
    expect(wellFormedDeep({ '\ud800k': ['x\udfff', 1, null, { n: '\ud800' }] })).toEqual({
      '\ufffdk': ['x\ufffd', 1, null, { n: '\ufffd' }],
    });
  });
});
