import { describe, expect, it } from 'vitest';
import { next4hCycles, PAIRS_4H_MARKET_TIME, paperGridEnv, useRuntimeTestbed } from './runtimeTestbed.js';

// ETH/USDT traded alone in paper, then SOL/USDT added to TRADING_SYMBOLS across a restart.
const testbed = useRuntimeTestbed();

const ENV = paperGridEnv('ETH/USDT', {
  RISK_MAX_DRAWDOWN_PCT: '3',
});

type Account = { pairs: Array<{ symbol: string; base: { free: string; locked: string } }> };

describe('paper: a pair added to TRADING_SYMBOLS after a restart', { timeout: 300_000 }, () => {
  it('starts flat and funds nothing twice: the account continues with what it held', async () => {
    const { rt, fake } = await testbed.boot({ marketTime: PAIRS_4H_MARKET_TIME, env: ENV });
    await next4hCycles(rt, fake, 3);
    const saved = rt.store.config.get<Account>('paper.account');
    const before = Number(rt.store.equity.latest()?.equity);
    expect(Number(saved?.pairs.find((p) => p.symbol === 'ETH/USDT')?.base.free)).toBeGreaterThan(0);

    const again = await testbed.restart({ ...ENV, TRADING_SYMBOLS: 'ETH/USDT,SOL/USDT' });
    const view = (await (await fetch(`${again.url}/api/portfolio`)).json()) as { equity: number };
    expect(view.equity).toBeCloseTo(before, 0);
    await next4hCycles(again, fake, 1);
    const account = again.store.config.get<Account>('paper.account');
    expect(account?.pairs.map((p) => p.symbol)).toEqual(['ETH/USDT', 'SOL/USDT']);
    // Funding the account again would have doubled it; one 4h candle moves it a little.
    const after = Number(again.store.equity.latest()?.equity);
    expect(Math.abs(after / before - 1)).toBeLessThan(0.03);
    expect(again.control.status().state).toBe('RUNNING');
  });
});
