import type { FakeBinance } from '@warden/testkit/fakeBinance/index';
import { describe, expect, it } from 'vitest';
import { useRuntimeTestbed } from './runtimeTestbed.js';
import type { WardenRuntime } from './startWarden.js';

// Two recorded 2024 4h pairs traded in paper from one account; then SOL/USDT is dropped from
// TRADING_SYMBOLS while the account still holds SOL.
const H4 = 4 * 3_600_000;
const MARKET_TIME = Date.UTC(2023, 11, 30, 8) + 60 * H4 + 1000;
const testbed = useRuntimeTestbed();

const ENV = {
  TRADING_TIMEFRAMES: '4h',
  TRADING_SYMBOLS: 'ETH/USDT,SOL/USDT',
  TRADING_ACTIVE_STRATEGY: 'grid',
  TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
  TRADING_GRID_COOLDOWN_SECONDS: '0',
  // Tight, so that losing SOL's value from the equity would trip it.
  RISK_MAX_DRAWDOWN_PCT: '3',
};

async function cycles(rt: WardenRuntime, fake: FakeBinance, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    fake.tape.clock.advance(H4);
    await rt.runCycle();
  }
}

const solHeld = (rt: WardenRuntime): number => {
  const account = rt.store.config.get<{ pairs: Array<{ symbol: string; base: { free: string; locked: string } }> }>('paper.account');
  const sol = account?.pairs.find((p) => p.symbol === 'SOL/USDT');
  return sol ? Number(sol.base.free) + Number(sol.base.locked) : 0;
};

describe('paper: a pair dropped from TRADING_SYMBOLS while the account holds it', { timeout: 300_000 }, () => {
  it('keeps its balance and counts it in the equity at its last price: no false drawdown stop after the restart', async () => {
    const { rt, fake } = await testbed.boot({ marketTime: MARKET_TIME, env: ENV });
    await cycles(rt, fake, 3);
    const held = solHeld(rt);
    const solPrice = Number(rt.store.equity.list({ symbol: 'SOL/USDT' }, { limit: 1 }).items[0]?.price);
    const before = Number(rt.store.equity.latest()?.equity);
    // The precondition that makes the case: SOL is a share of the account well above the 3 % limit.
    expect((held * solPrice) / before).toBeGreaterThan(0.05);

    const again = await testbed.restart({ ...ENV, TRADING_SYMBOLS: 'ETH/USDT' });
    await cycles(again, fake, 1);
    expect(again.control.status().state).toBe('RUNNING');
    expect(again.store.audit.list({ type: 'state.emergency_stop' }, { limit: 1 }).items).toEqual([]);
    // Nothing lost: SOL is still in the account, and in its equity (ETH moved one 4h candle meanwhile).
    expect(solHeld(again)).toBe(held);
    const after = Number(again.store.equity.latest()?.equity);
    expect(Math.abs(after / before - 1)).toBeLessThan(0.03);
  });
});
