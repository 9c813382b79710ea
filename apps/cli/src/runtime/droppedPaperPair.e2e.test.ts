import { describe, expect, it } from 'vitest';
import { next4hCycles, PAIRS_4H_MARKET_TIME, paperGridEnv, useRuntimeTestbed } from './runtimeTestbed.js';
import type { WardenRuntime } from './startWarden.js';

// Two recorded 2024 4h pairs traded in paper from one account; then SOL/USDT is dropped from
// TRADING_SYMBOLS while the account still holds SOL.
const testbed = useRuntimeTestbed();

const ENV = paperGridEnv('ETH/USDT,SOL/USDT', {
  // Tight, so that losing SOL's value from the equity would trip it.
  RISK_MAX_DRAWDOWN_PCT: '3',
});

const solHeld = (rt: WardenRuntime): number => {
  const account = rt.store.config.get<{ pairs: Array<{ symbol: string; base: { free: string; locked: string } }> }>('paper.account');
  const sol = account?.pairs.find((p) => p.symbol === 'SOL/USDT');
  return sol ? Number(sol.base.free) + Number(sol.base.locked) : 0;
};

describe('paper: a pair dropped from TRADING_SYMBOLS while the account holds it', { timeout: 300_000 }, () => {
  it('keeps its balance and counts it in the equity at its last price: no false drawdown stop after the restart', async () => {
    const { rt, fake } = await testbed.boot({ marketTime: PAIRS_4H_MARKET_TIME, env: ENV });
    await next4hCycles(rt, fake, 3);
    const held = solHeld(rt);
    const solPrice = Number(rt.store.equity.list({ symbol: 'SOL/USDT' }, { limit: 1 }).items[0]?.price);
    const before = Number(rt.store.equity.latest()?.equity);
    // The precondition that makes the case: SOL is a share of the account well above the 3 % limit.
    expect((held * solPrice) / before).toBeGreaterThan(0.05);

    const again = await testbed.restart({ ...ENV, TRADING_SYMBOLS: 'ETH/USDT' });
    await next4hCycles(again, fake, 1);
    expect(again.control.status().state).toBe('RUNNING');
    expect(again.store.audit.list({ type: 'state.emergency_stop' }, { limit: 1 }).items).toEqual([]);
    // Nothing lost: SOL is still in the account, and in its equity (ETH moved one 4h candle meanwhile).
    expect(solHeld(again)).toBe(held);
    const after = Number(again.store.equity.latest()?.equity);
    expect(Math.abs(after / before - 1)).toBeLessThan(0.03);
  });
});
