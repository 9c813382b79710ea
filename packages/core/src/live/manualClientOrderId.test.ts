import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClientOrderId } from './manualLiveOrder.js';

const BINANCE_CLIENT_ID = /^[.A-Za-z0-9:/_-]{1,36}$/;

describe('manual client order ids', () => {
  it("two pairs' manual orders sent in the same millisecond get different ids", () => {
    const now = Date.UTC(2026, 10, 30, 21);
    expect(manualClientOrderId('BTC/USDT', now, 0)).not.toBe(manualClientOrderId('ETH/USDT', now, 0));
  });

  it('two pairs whose symbols share their first 12 characters get different ids (same time, same sequence)', () => {
    const now = Date.UTC(2026, 10, 30, 21);
    expect(manualClientOrderId('LONGTOKENAAAX/USDT', now, 0)).not.toBe(manualClientOrderId('LONGTOKENAAAY/USDT', now, 0));
  });

  it("stay within Binance's client id rule and differ for every (pair, time, sequence)", () => {
    const pair = fc.constantFrom(
      'BTC/USDT',
      'ETH/USDT',
      '1000SATS/FDUSD',
      'ABCDEFGHIJKL/MNOPQRSTUVWX',
      'LONGTOKENAAAX/USDT',
      'LONGTOKENAAAY/USDT',
    );
    fc.assert(
      fc.property(pair, pair, fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.nat(100_000), fc.nat(100_000), (a, b, now, i, j) => {
        const x = manualClientOrderId(a, now, i);
        expect(x).toMatch(BINANCE_CLIENT_ID);
        if (a !== b) expect(x).not.toBe(manualClientOrderId(b, now, j));
      }),
    );
  });
});
