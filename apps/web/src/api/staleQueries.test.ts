import { describe, expect, it } from 'vitest';
import { isStale } from './staleQueries';

const cycle = (symbol?: string) => ({ kind: 'cycle' as const, data: symbol ? { symbol } : {} });

describe('isStale: which cached queries a live update refreshes', () => {
  it('refreshes the resources the update kind touches and nothing else', () => {
    expect(isStale(cycle(), ['portfolio'])).toBe(true);
    expect(isStale(cycle(), ['portfolio-equity'])).toBe(true);
    expect(isStale(cycle(), ['users'])).toBe(false);
    expect(isStale({ kind: 'order', data: {} }, ['candles', 'BTC/USDT', '5m'])).toBe(false);
    expect(isStale({ kind: 'state', data: { symbol: 'ETH/USDT', from: 'RUNNING', to: 'PAUSED' } }, ['portfolio'])).toBe(true);
  });

  it("a pair's cycle refreshes that pair's chart, not another pair's", () => {
    expect(isStale(cycle('ETH/USDT'), ['candles', 'ETH/USDT', '4h'])).toBe(true);
    expect(isStale(cycle('ETH/USDT'), ['candles', 'BTC/USDT', '4h'])).toBe(false);
    expect(isStale(cycle('ETH/USDT'), ['strategy', 'BTC/USDT'])).toBe(false);
    expect(isStale(cycle('ETH/USDT'), ['strategy', 'ETH/USDT'])).toBe(true);
  });

  it("a pair's fill refreshes that pair's and every pair's tables, by the filter's symbol", () => {
    const fill = { kind: 'fill' as const, data: { symbol: 'SOL/USDT', tradeId: 't1' } };
    expect(isStale(fill, ['fills', { symbol: 'SOL/USDT', limit: 500 }])).toBe(true);
    expect(isStale(fill, ['fills', { symbol: 'BTC/USDT', limit: 500 }])).toBe(false);
    expect(isStale(fill, ['fills', { limit: 25 }])).toBe(true);
    expect(isStale(fill, ['positions', { symbol: undefined }])).toBe(true);
  });

  it('an update naming no pair refreshes every pair', () => {
    expect(isStale(cycle(), ['candles', 'BTC/USDT', '4h'])).toBe(true);
    expect(isStale({ kind: 'approval', data: { id: 3 } }, ['strategy', 'SOL/USDT'])).toBe(true);
  });
});
