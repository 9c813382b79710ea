import { describe, expect, it } from 'vitest';
import { next4hCycles, PAIRS_4H_MARKET_TIME, paperGridEnv, useRuntimeTestbed } from './runtimeTestbed.js';
import type { WardenRuntime } from './startWarden.js';

// Two recorded 2024 4h pairs traded in paper from one account; SOL/USDT's commits then fail in the
// real SQLite database (a trigger refuses its equity snapshots), so the paper account is rewound to
// the checkpoint after each of them.
const testbed = useRuntimeTestbed();

const ENV = paperGridEnv('ETH/USDT,SOL/USDT');

type Account = { quote: { free: string; locked: string }; pairs: Array<{ symbol: string; base: { free: string; locked: string } }> };

/** Base held per pair and the quote, as the recorded fills say (the account started flat with 10,000). */
function fromFills(rt: WardenRuntime): { quote: number; base: Map<string, number> } {
  let quote = 10_000;
  const base = new Map<string, number>();
  for (const symbol of ['ETH/USDT', 'SOL/USDT'])
    for (const f of rt.store.fills.all(symbol)) {
      const held = base.get(symbol) ?? 0;
      const q = Number(f.quantity);
      const fee = Number(f.fee);
      if (f.side === 'BUY') {
        quote -= Number(f.quoteQuantity);
        base.set(symbol, held + q - (f.feeAsset === 'USDT' ? 0 : fee));
        if (f.feeAsset === 'USDT') quote -= fee;
      } else {
        quote += Number(f.quoteQuantity) - (f.feeAsset === 'USDT' ? fee : 0);
        base.set(symbol, held - q);
      }
    }
  return { quote, base };
}

function expectAccountMatchesFills(rt: WardenRuntime): void {
  const account = rt.store.config.get<Account>('paper.account');
  const expected = fromFills(rt);
  expect(Number(account?.quote.free) + Number(account?.quote.locked)).toBeCloseTo(expected.quote, 6);
  for (const p of account?.pairs ?? [])
    expect(Number(p.base.free) + Number(p.base.locked), p.symbol).toBeCloseTo(expected.base.get(p.symbol) ?? 0, 8);
}

describe('paper: one pair’s commit fails', { timeout: 300_000 }, () => {
  it('rewinds that pair’s part only: the account always matches every pair’s recorded fills', async () => {
    const { rt, fake } = await testbed.boot({ marketTime: PAIRS_4H_MARKET_TIME, env: ENV });
    await next4hCycles(rt, fake, 3);
    expectAccountMatchesFills(rt);
    rt.store.sqlite.exec(
      `CREATE TRIGGER refuse_sol BEFORE INSERT ON equity_snapshots WHEN NEW.symbol = 'SOL/USDT' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    const ethFills = rt.store.fills.all('ETH/USDT').length;
    await next4hCycles(rt, fake, 12);
    expect(rt.store.audit.list({ type: 'cycle.pair_failed' }, { limit: 50 }).items.length).toBe(12);
    expect(rt.store.fills.all('ETH/USDT').length).toBeGreaterThan(ethFills);
    expectAccountMatchesFills(rt);
    rt.store.sqlite.exec('DROP TRIGGER refuse_sol');
    await next4hCycles(rt, fake, 12);
    expectAccountMatchesFills(rt);
  });
});
