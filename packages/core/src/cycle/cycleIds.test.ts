import { describe, expect, it } from 'vitest';
import { clientOrderIdFor } from './cycleIds.js';

describe('clientOrderIdFor', () => {
  it('keeps the ids of symbols of up to 12 characters as they were', () => {
    expect(clientOrderIdFor('BTC/USDT', '1h', 1_700_000_000_000, 0)).toBe(`wdBTCUSDT1h${(1_700_000_000_000).toString(36)}n0`);
  });

  it('gives two pairs whose symbols share their first 12 characters different ids for the same candle', () => {
    const a = clientOrderIdFor('LONGTOKENAAAX/USDT', '4h', 1_703_923_200_000, 0);
    const b = clientOrderIdFor('LONGTOKENAAAY/USDT', '4h', 1_703_923_200_000, 0);
    expect(a).not.toBe(b);
    expect(a).toBe(clientOrderIdFor('LONGTOKENAAAX/USDT', '4h', 1_703_923_200_000, 0));
    for (const id of [a, b]) {
      expect(id.length).toBeLessThanOrEqual(36);
      expect(id).toMatch(/^[.A-Za-z0-9:/_-]+$/);
    }
  });
});
