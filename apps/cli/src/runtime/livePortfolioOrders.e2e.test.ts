import { describe, expect, it } from 'vitest';
import { marketBuy, postLiveOrder, useLiveTestbed } from './liveTestbed.js';

// Several pairs traded live from one account: manual orders per pair, and the pair list itself.
const { bed: liveBed } = useLiveTestbed();

describe('live manual orders and the pair list with several pairs on one account', { timeout: 180_000 }, () => {
  it("a manual order's idempotency key already used on another pair is a conflict, not that pair's order answered as a duplicate", async () => {
    const bed = await liveBed({ USDT: '10000', BTC: '0', ETH: '0' });
    const rt = await bed.start();
    const first = await postLiveOrder(rt, { ...marketBuy('BTC/USDT', '300'), clientOrderId: 'dca-2026-11-30' });
    expect(first.json.decision).toBe('ALLOW');
    // A retry of the same request is still the same order.
    const retry = await postLiveOrder(rt, { ...marketBuy('BTC/USDT', '300'), clientOrderId: 'dca-2026-11-30' });
    expect(retry.json).toMatchObject({ decision: 'ALLOW', duplicate: true, order: { symbol: 'BTC/USDT' } });
    // The same key for ETH/USDT: before, the BTC order came back as "the duplicate" and ETH was never bought.
    const other = await postLiveOrder(rt, { ...marketBuy('ETH/USDT', '300'), clientOrderId: 'dca-2026-11-30' });
    expect(other.status).toBe(409);
    expect(JSON.stringify(other.json)).toContain('BTC/USDT');
    expect(bed.exchange.engine.orders.map((o) => o.symbol)).toEqual(['BTCUSDT']);
  });

  it('a paused pair takes no manual order either, while the other pairs do', async () => {
    const bed = await liveBed({ USDT: '10000', BTC: '0', ETH: '0' });
    const rt = await bed.start();
    await rt.control.setPairState('ETH/USDT', 'pause', { id: 'user:ops', role: 'operator' }, 'news on ETH');
    const eth = await postLiveOrder(rt, marketBuy('ETH/USDT', '300'));
    expect(eth.json).toMatchObject({ decision: 'BLOCK', reasons: ['NOT_RUNNING'] });
    const btc = await postLiveOrder(rt, marketBuy('BTC/USDT', '300'));
    expect(btc.json.decision).toBe('ALLOW');
    expect(bed.exchange.engine.orders.map((o) => o.symbol)).toEqual(['BTCUSDT']);
    const blocked = rt.store.audit.list({ type: 'live.manual_order' }, { limit: 5 }).items.find((e) => e.outcome === 'BLOCK');
    expect(JSON.stringify(blocked?.inputs)).toContain('ETH/USDT');
  });

  it('a pair dropped from TRADING_SYMBOLS while it still holds a position or resting orders is refused at start, naming it', async () => {
    const bed = await liveBed({ USDT: '10000', BTC: '0', ETH: '0' }, { RISK_MAX_POSITION_PCT: '100' });
    const rt = await bed.start();
    expect((await postLiveOrder(rt, marketBuy('ETH/USDT', '5000'))).json.decision).toBe('ALLOW');
    await rt.runCycle();
    await bed.stop();
    // Without ETH/USDT the account's equity would lose the ETH (half of it) against the peak the
    // snapshots recorded: a false 50 % drawdown and an emergency stop at the first cycle.
    const error = await bed.start({ TRADING_SYMBOLS: 'BTC/USDT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /TRADING_SYMBOLS: ETH\/USDT is no longer traded but the account holds \d+\.\d+ ETH \(about \d+\.\d\d USDT\)/,
    );
    expect(bed.exchange.engine.orders).toHaveLength(1);

    // The way out: with ETH/USDT listed again, sell it; what is left is dust, and then it may go.
    const both = await bed.start();
    expect(both.store.audit.list({ type: 'system.start_refused' }, { limit: 5 }).items).toHaveLength(1);
    expect(both.control.status().state).toBe('RUNNING');
    const eth = bed.exchange.account.freeOf('ETH');
    const sell = await postLiveOrder(both, {
      symbol: 'ETH/USDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: eth.toDecimalPlaces(4, 1).toFixed(),
    });
    expect(sell.json.decision).toBe('ALLOW');
    await both.runCycle();
    await bed.stop();
    const btcOnly = await bed.start({ TRADING_SYMBOLS: 'BTC/USDT' });
    await btcOnly.runCycle();
    expect(btcOnly.control.status().state).toBe('RUNNING');
    expect(btcOnly.store.audit.list({ type: 'state.emergency_stop' }, { limit: 5 }).items).toEqual([]);
  });
});
