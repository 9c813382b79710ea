import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortfolioPair } from '../api/types';
import { allocationSlices } from './allocation';

const pair = (symbol: string, value: number, allocationPct: number): PortfolioPair => ({
  symbol,
  strategy: 'grid',
  state: 'RUNNING',
  paused: false,
  price: 1,
  baseBalance: value,
  value,
  allocationPct,
  realizedPnl: '0',
  unrealizedPnl: '0',
  trades: 0,
  feesPaid: 0,
  openOrders: 0,
});

describe('allocationSlices: how the allocation bar splits equity', () => {
  it('gives each pair its share and the quote the rest', () => {
    const slices = allocationSlices({
      quote: 'USDT',
      quoteBalance: 5000,
      pairs: [pair('BTC/USDT', 3000, 30), pair('ETH/USDT', 2000, 20)],
    });
    expect(slices.map((s) => [s.label, s.kind, s.value, s.pct])).toEqual([
      ['BTC/USDT', 'pair', 3000, 30],
      ['ETH/USDT', 'pair', 2000, 20],
      ['USDT', 'quote', 5000, 50],
    ]);
  });

  it('shows an empty bar for an account with nothing yet', () => {
    expect(allocationSlices({ quote: 'USDT', quoteBalance: 0, pairs: [pair('BTC/USDT', 0, 0)] }).map((s) => s.pct)).toEqual([0, 0]);
  });

  it('never overflows or goes negative, whatever the shares the server sends', () => {
    const pct = fc.oneof(fc.double({ min: -50, max: 250, noNaN: true }), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));
    fc.assert(
      fc.property(fc.array(pct, { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1e9, noNaN: true }), (shares, quoteBalance) => {
        const slices = allocationSlices({ quote: 'USDT', quoteBalance, pairs: shares.map((p, i) => pair(`P${i}/USDT`, 1, p)) });
        const sum = slices.reduce((a, s) => a + s.pct, 0);
        for (const s of slices) expect(s.pct).toBeGreaterThanOrEqual(0);
        expect(sum).toBeLessThanOrEqual(100 + 1e-9);
        // With any equity at all the bar is full: what the pairs do not hold is quote.
        if (sum > 0) expect(sum).toBeCloseTo(100, 9);
      }),
    );
  });
});
