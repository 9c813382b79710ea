import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalPlacesOf, seriesPriceResolution } from './priceResolution.js';

describe('decimalPlacesOf', () => {
  it.each([
    [7.1e-7, 8],
    [0.00002696, 8],
    [51552.61, 2],
    [100, 0],
    [0.1 + 0.2, 1],
    [1.0000000000000002, 0],
    [7.107e-7, 10],
  ])('%d has %d decimal places (exponent notation and float noise handled)', (price, places) => {
    expect(decimalPlacesOf(price)).toBe(places);
  });

  it('caps repeating fractions at ten significant digits instead of 1e-18', () => {
    expect(decimalPlacesOf(1 / 3)).toBe(10);
    expect(decimalPlacesOf(100 / 3)).toBe(8);
  });

  it('finds exactly the places a decimal price was written with (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 0, max: 12 }), (digits, places) => {
        fc.pre(digits % 10 !== 0);
        const price = Number(`${digits}e-${places}`);
        expect(decimalPlacesOf(price)).toBe(places);
      }),
    );
  });
});

describe('seriesPriceResolution', () => {
  it('is the finest of every open, high, low and close', () => {
    const c = { openTime: 0, open: 1.5, high: 1.75, low: 1.125, close: 1.5, volume: 1 };
    expect(seriesPriceResolution([c])).toEqual({ decimals: 3, tick: '0.001' });
    expect(seriesPriceResolution([{ ...c, open: 2, high: 3, low: 1, close: 2 }])).toEqual({ decimals: 0, tick: '1' });
  });
});
