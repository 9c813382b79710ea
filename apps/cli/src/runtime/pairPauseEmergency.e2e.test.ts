import { describe, expect, it } from 'vitest';
import { next4hCycles, PAIRS_4H_MARKET_TIME, paperGridEnv, useRuntimeTestbed } from './runtimeTestbed.js';

// Two recorded 2024 4h grid pairs in paper; ETH/USDT is paused, then the account is stopped and resumed.
// (No built-in strategy rests limit orders; the cancellation of every pair's resting orders by a stop
// is checked with random order types in portfolioBudget.property.test.ts and for live pairs.)
const testbed = useRuntimeTestbed();

const ENV = paperGridEnv('ETH/USDT,SOL/USDT');
const OPERATOR = { id: 'user:olga', role: 'operator' as const };
const ADMIN = { id: 'user:ada', role: 'admin' as const };

type Account = {
  quote: { free: string; locked: string };
  pairs: Array<{ symbol: string; base: { free: string; locked: string }; orders: unknown[] }>;
};

describe('paper: a paused pair, an emergency stop and a resume with resting orders on both pairs', { timeout: 300_000 }, () => {
  it('stops both pairs, keeps the paused pair paused after the resume, and the other trades again', async () => {
    const { rt, fake } = await testbed.boot({ marketTime: PAIRS_4H_MARKET_TIME, env: ENV });
    await next4hCycles(rt, fake, 3);

    await rt.control.setPairState('ETH/USDT', 'pause', OPERATOR, 'news on ETH');
    await next4hCycles(rt, fake, 1);
    await rt.control.transition('emergency_stop', OPERATOR, 'test');
    expect(rt.store.orders.open('ETH/USDT')).toEqual([]);
    expect(rt.store.orders.open('SOL/USDT')).toEqual([]);
    const stopped = rt.store.config.get<Account>('paper.account');
    expect(stopped?.pairs.flatMap((p) => p.orders)).toEqual([]);
    expect(Number(stopped?.quote.locked)).toBe(0);
    for (const p of stopped?.pairs ?? []) expect(Number(p.base.locked), p.symbol).toBe(0);
    const solOrders = () => rt.store.orders.list({ symbol: 'SOL/USDT' }, { limit: 500 }).items.length;
    const solStopped = solOrders();
    await next4hCycles(rt, fake, 6);
    expect(solOrders()).toBe(solStopped);

    await rt.control.transition('manual_resume', ADMIN, 'checked');
    expect(rt.control.status().pairs.map((p) => [p.symbol, p.state])).toEqual([
      ['ETH/USDT', 'PAUSED'],
      ['SOL/USDT', 'RUNNING'],
    ]);
    const ethOrders = rt.store.orders.list({ symbol: 'ETH/USDT' }, { limit: 500 }).items.length;
    await next4hCycles(rt, fake, 40);
    expect(rt.store.orders.list({ symbol: 'ETH/USDT' }, { limit: 500 }).items.length).toBe(ethOrders);
    expect(solOrders()).toBeGreaterThan(solStopped);
    expect(rt.control.status().state).toBe('RUNNING');
  });
});
