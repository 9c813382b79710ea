import { describe, expect, it } from 'vitest';
import type { Candle } from '../domain/market.js';
import { ValidationError } from '../errors/errors.js';
import { filterViolations, quantizePrice } from '../money/filters.js';
import { assumeMarket } from './assumedMarket.js';
import { unifiedSymbol } from './quoteAssets.js';

const candles = (prices: number[]): Candle[] =>
  prices.map((p, i) => ({ openTime: i * 300_000, open: p, high: p, low: p, close: p, volume: 1 }));

describe('assumeMarket', () => {
  it("uses Binance's published filters for a known pair whose prices fit its tick", () => {
    const m = assumeMarket({ symbol: 'BTC/USDT', candles: candles([43210.12, 43300.5]) });
    expect(m.source).toBe('known');
    expect(m.filters).toMatchObject({ tickSize: '0.01', stepSize: '0.00001', minNotional: '5' });
    expect(m.startingEquity).toBe(10_000);
  });

  it('derives the filters when the data is finer than the known tick (not that pair’s prices)', () => {
    const m = assumeMarket({ symbol: 'BTC/USDT', candles: candles([7.1e-7, 7.114e-7]) });
    expect(m.source).toBe('derived');
    expect(m.filters.tickSize).toBe('0.0000000001');
    expect(m.lines[0]).toMatch(/not BTC\/USDT prices/);
  });

  it('puts a BTC-quoted pair in BTC units: min notional, balance and a step scaled to the price', () => {
    const m = assumeMarket({ symbol: 'ADA/BTC', candles: candles([0.00002696, 0.0000301]) });
    expect(m.filters).toMatchObject({ tickSize: '0.00000001', stepSize: '0.01', minQty: '0.01', minNotional: '0.0001', quote: 'BTC' });
    expect(m.startingEquity).toBeCloseTo(0.2);
    expect(m.quoteScale).toBeCloseTo(0.0001 / 5);
    // A grid's per-level order (10 % of the balance) meets every filter at the data's prices.
    const price = quantizePrice(0.00002696, m.filters);
    expect(filterViolations('741.83', price, m.filters)).toEqual([]);
    expect(m.lines.join(' ')).toMatch(/min notional 0\.0001 BTC \(Binance's minimum for BTC-quoted pairs\).*starting balance 0\.2 BTC/);
  });

  it('gives a tiny-priced pair a tick as fine as its prices and a whole-unit step', () => {
    const m = assumeMarket({ symbol: 'PEPE/USDT', candles: candles([7.1e-7, 7.107e-7]) });
    expect(m.filters).toMatchObject({ tickSize: '0.0000000001', stepSize: '1' });
    expect(Number(m.filters.maxQty) * 7.1e-7).toBeGreaterThan(m.startingEquity * 10);
  });

  it('lets overrides win and says so', () => {
    const m = assumeMarket({
      symbol: 'ADA/BTC',
      candles: candles([0.00002696]),
      tickSize: '0.0000001',
      minNotional: '0.001',
      startingEquity: 1,
    });
    expect(m.filters).toMatchObject({ tickSize: '0.0000001', minNotional: '0.001' });
    expect(m.startingEquity).toBe(1);
    expect(m.lines.join(' ')).toMatch(/--tick.*--min-notional/);
  });

  it('asks for a minimum order value when the quote asset has none known', () => {
    expect(() => assumeMarket({ symbol: 'ABC/XYZ', candles: candles([1]) })).toThrow(ValidationError);
    expect(() => assumeMarket({ symbol: 'ABC/XYZ', candles: candles([1]) })).toThrow(/--min-notional \(in XYZ\)/);
  });
});

describe('unifiedSymbol', () => {
  it.each([
    ['BTCUSDT', 'BTC/USDT'],
    ['ethbtc', 'ETH/BTC'],
    ['1000SATSFDUSD', '1000SATS/FDUSD'],
    ['BTCTUSD', 'BTC/TUSD'],
    ['XRP/ETH', 'XRP/ETH'],
    ['USDT', null],
    ['BTC-USDT', null],
  ])('%s → %s', (input, expected) => {
    expect(unifiedSymbol(input)).toBe(expected);
  });
});
