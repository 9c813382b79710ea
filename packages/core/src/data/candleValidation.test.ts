import { describe, expect, it } from 'vitest';
import type { Candle } from '../domain/market.js';
import { MarketDataError } from '../errors/errors.js';
import { assertValidCandles } from './candleValidation.js';

const MIN = 60_000;
const bar = (i: number, over: Partial<Candle> = {}): Candle => ({
  openTime: 1_600_000_000_000 - (1_600_000_000_000 % MIN) + i * MIN,
  open: 10,
  high: 11,
  low: 9,
  close: 10.5,
  volume: 1,
  ...over,
});

describe('assertValidCandles', () => {
  it('accepts an ordered, aligned, sane series', () => {
    expect(() => assertValidCandles([bar(0), bar(1), bar(3)], '1m')).not.toThrow();
  });

  it.each([
    ['out of order', [bar(1), bar(0)], /out of order/],
    ['duplicate', [bar(0), bar(0)], /duplicate/],
    ['unaligned', [bar(0, { openTime: bar(0).openTime + 1 })], /boundary/],
    ['high below close', [bar(0, { high: 10 })], /bracket/],
    ['zero price', [bar(0, { low: 0 })], /positive/],
    ['NaN volume', [bar(0, { volume: Number.NaN })], /volume/],
  ])('rejects %s as MarketDataError', (_name, candles, message) => {
    expect(() => assertValidCandles(candles, '1m')).toThrow(MarketDataError);
    expect(() => assertValidCandles(candles, '1m')).toThrow(message);
  });
});
