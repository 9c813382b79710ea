import { describe, expect, it } from 'vitest';
import type { CycleOutcome } from './cycleDeps.js';
import { PortfolioCycle } from './portfolioCycle.js';

const outcome = (decided: boolean): CycleOutcome => ({
  cycleId: 'c',
  decided,
  signal: null,
  decision: null,
  orders: [],
  fills: [],
  equity: 0,
});

describe('PortfolioCycle', () => {
  it('runs every pair in turn, holds only the pair that failed, and reports it', async () => {
    const ran: string[] = [];
    const failed: string[] = [];
    const pair = (symbol: string, fail = false) => ({
      symbol,
      run: async () => {
        ran.push(symbol);
        if (fail) throw new Error(`${symbol} data is stale`);
        return outcome(symbol === 'CCC/USDT');
      },
    });
    const cycle = new PortfolioCycle([pair('AAA/USDT'), pair('BBB/USDT', true), pair('CCC/USDT')], {
      equity: () => 1234,
      onPairFailed: (symbol) => failed.push(symbol),
    });
    const result = await cycle.run(1000);
    expect(ran).toEqual(['AAA/USDT', 'BBB/USDT', 'CCC/USDT']);
    expect(failed).toEqual(['BBB/USDT']);
    expect(result.pairs.map((p) => p.error)).toEqual([null, 'BBB/USDT data is stale', null]);
    expect(result).toMatchObject({ decided: true, equity: 1234 });
  });
});
