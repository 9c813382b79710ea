import type { SignedExchange } from '@warden/testkit/fakeBinance/orderRoutes';
import { describe, expect, it } from 'vitest';
import { marketBuy as order, postLiveOrder, useLiveTestbed } from './liveTestbed.js';
import type { WardenRuntime } from './startWarden.js';

// Two recorded 2024 pairs (BTC/USDT, ETH/USDT) traded live from one USDT balance on the fake
// exchange's signed endpoints.
const testbed = useLiveTestbed();

async function bootLivePair(env: Record<string, string>): Promise<{ rt: WardenRuntime; exchange: SignedExchange }> {
  const bed = await testbed.bed({ USDT: '10000', BTC: '0', ETH: '0' }, env);
  return { rt: await bed.start(), exchange: bed.exchange };
}

describe('manual live orders with several pairs (one account)', { timeout: 180_000 }, () => {
  it('go to the pair they name, and a missing symbol is a 400 naming the field', async () => {
    const { rt, exchange } = await bootLivePair({});
    const eth = await postLiveOrder(rt, order('ETH/USDT', '200'));
    expect(eth.status).toBe(200);
    expect(eth.json.decision).toBe('ALLOW');
    expect(exchange.engine.orders.map((o) => o.symbol)).toEqual(['ETHUSDT']);
    const missing = await postLiveOrder(rt, { side: 'BUY', type: 'MARKET', quoteAmount: '50', reason: 'which pair?' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json)).toContain('symbol');
    expect(exchange.engine.orders).toHaveLength(1);
  });

  it("are checked against the whole account's equity and the other pairs' exposure, as the cycle's orders are", async () => {
    const { rt, exchange } = await bootLivePair({
      RISK_ORDER_SIZE_PCT: '100',
      RISK_MAX_POSITION_PCT: '100',
      RISK_MAX_TOTAL_EXPOSURE_PCT: '60',
    });
    // The account's equity (10,000 USDT) becomes the watermark.
    await rt.runCycle();
    // Half the account into ETH: the quote left is 5,000 but the account is still worth about 10,000.
    const eth = await postLiveOrder(rt, order('ETH/USDT', '5000'));
    expect(eth.json.decision).toBe('ALLOW');
    await rt.runCycle();
    // The next cycle reads the account once for both pairs: the USDT spent and the ETH bought are in
    // the same read, so the account's equity did not "drop" by the order's value (no false stop).
    expect(rt.control.status().state).toBe('RUNNING');
    expect(rt.store.audit.list({ type: 'state.emergency_stop' }, { limit: 1 }).items).toEqual([]);
    // Against BTC/USDT's own balances (5,000 USDT, no BTC) this would be a 50 % drawdown from the
    // 10,000 peak (MAX_DRAWDOWN); against the account it is none, and the 60 % total exposure cap
    // leaves room for about 1,000 more of the 2,000 asked.
    const btc = await postLiveOrder(rt, order('BTC/USDT', '2000'));
    expect(btc.json, JSON.stringify(btc.json)).toMatchObject({ decision: 'ALLOW' });
    const spent = exchange.engine.trades.filter((t) => t.symbol === 'BTCUSDT').reduce((sum, t) => sum + Number(t.quoteQty), 0);
    expect(spent).toBeLessThan(1_300);
    expect(spent).toBeGreaterThan(500);
    const audit = rt.store.audit.list({ type: 'live.manual_order' }, { limit: 5 }).items;
    expect(audit.some((e) => JSON.stringify(e.inputs).includes('MAX_TOTAL_EXPOSURE'))).toBe(true);
  });
});
