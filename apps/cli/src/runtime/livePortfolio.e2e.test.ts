import { Writable } from 'node:stream';
import { dec } from '@warden/core/money/decimal';
import { openStore } from '@warden/storage/openStore';
import { describe, expect, it } from 'vitest';
import { ADMIN, marketBuy, postLiveOrder, useLiveTestbed } from './liveTestbed.js';

// Several pairs traded live from one account on the fake exchange's signed endpoints (the recorded
// 2024 4h pairs): what each pair's reconciler, emergency stop and restart do to the other pairs.
const { bed: liveBed } = useLiveTestbed();

describe('live trading with several pairs on one account', { timeout: 180_000 }, () => {
  it("compares each pair's base balance with its own baseline: coins held before Warden traded are not another pair's mismatch", async () => {
    // The operator already holds BTC and ETH that Warden never traded (its baseline, per asset).
    const bed = await liveBed({ USDT: '10000', BTC: '0.5', ETH: '4' });
    const rt = await bed.start();
    // Start-up ran every pair's first reconciliation (balance check included) before returning.
    expect(rt.store.audit.list({ type: 'live.balance_mismatch' }, { limit: 5 }).items).toEqual([]);
    expect(rt.control.status().state).toBe('RUNNING');
    // A fill on one pair moves that pair's asset only; the next checks still agree for both.
    expect((await postLiveOrder(rt, marketBuy('ETH/USDT', '500'))).json.decision).toBe('ALLOW');
    await rt.runCycle();
    await bed.stop();
    const again = await bed.start();
    expect(again.store.audit.list({ type: 'live.balance_mismatch' }, { limit: 5 }).items).toEqual([]);
    expect(again.control.status().state).toBe('RUNNING');
  });

  it("a single-pair database's baseline stays its pair's: a change while it was down is still caught, on that pair only", async () => {
    const bed = await liveBed({ USDT: '10000', BTC: '0.5', ETH: '4' });
    // A database the single-pair version (BTC/USDT) wrote: 0.45 BTC held before it traded. Since
    // then 0.05 BTC arrived that the bot did not trade (a deposit while it was stopped).
    const old = openStore(bed.dbPath);
    old.config.set('live.base_baseline', '0.45', 'system', 1);
    old.close();
    const rt = await bed.start();
    expect(rt.store.config.get('live.base_baseline.BTC')).toBe('0.45');
    expect(rt.store.config.get('live.base_baseline.ETH')).toBe('4');
    expect(rt.store.audit.list({ type: 'storage.live_baseline_migrated' }, { limit: 5 }).items).toHaveLength(1);
    const mismatches = rt.store.audit.list({ type: 'live.balance_mismatch' }, { limit: 5 }).items;
    expect(mismatches.map((e) => e.reason)).toEqual([expect.stringContaining('exchange holds 0.5 BTC, the database expects 0.45')]);
    expect(rt.control.status().state).toBe('PAUSED');
  });

  it("an emergency stop with LIVE_EMERGENCY_FLATTEN sells each pair's own position, once, and cancels every pair's resting orders", async () => {
    const bed = await liveBed({ USDT: '10000', BTC: '0', ETH: '0' }, { LIVE_EMERGENCY_FLATTEN: 'true', RISK_MAX_POSITION_PCT: '100' });
    const rt = await bed.start();
    expect((await postLiveOrder(rt, marketBuy('BTC/USDT', '1000'))).json.decision).toBe('ALLOW');
    expect((await postLiveOrder(rt, marketBuy('ETH/USDT', '800'))).json.decision).toBe('ALLOW');
    // Resting buys far below the market on both pairs.
    for (const [symbol, price] of [
      ['BTC/USDT', '20000'],
      ['ETH/USDT', '1000'],
    ] as const) {
      const placed = await postLiveOrder(rt, {
        symbol,
        side: 'BUY',
        type: 'LIMIT',
        quantity: symbol === 'BTC/USDT' ? '0.01' : '0.1',
        price,
      });
      expect(placed.json, JSON.stringify(placed.json)).toMatchObject({ decision: 'ALLOW' });
    }
    await rt.runCycle();
    const btcHeld = rt.store.positions.get('BTC/USDT')?.quantity;
    const ethHeld = rt.store.positions.get('ETH/USDT')?.quantity;
    expect(Number(btcHeld)).toBeGreaterThan(0);
    expect(Number(ethHeld)).toBeGreaterThan(0);
    expect(bed.exchange.engine.open()).toHaveLength(2);

    const result = await rt.control.transition('emergency_stop', ADMIN, 'test: stop everything');
    expect(result.cancellation?.failed, JSON.stringify(result.cancellation)).toEqual([]);
    // Every resting order of every pair cancelled, each once.
    expect(bed.exchange.engine.open()).toEqual([]);
    const canceled = result.cancellation?.canceled.map((o) => o.clientOrderId) ?? [];
    expect(new Set(canceled).size).toBe(canceled.length);
    const deletes = bed.fake.requests.filter((r) => r.method === 'DELETE' && r.path === '/api/v3/order') ?? [];
    expect(deletes).toHaveLength(2);
    // Each pair's position sold on its own symbol, by its own market sell.
    const sells = bed.exchange.engine.orders.filter((o) => o.side === 'SELL');
    expect(sells.map((o) => [o.symbol, o.type, o.status]).sort()).toEqual([
      ['BTCUSDT', 'MARKET', 'FILLED'],
      ['ETHUSDT', 'MARKET', 'FILLED'],
    ]);
    // What is left is dust below each symbol's lot step.
    expect(bed.exchange.account.freeOf('BTC').toNumber()).toBeLessThan(0.00001);
    expect(bed.exchange.account.freeOf('ETH').toNumber()).toBeLessThan(0.0001);
    // The next cycle records each pair's sale on that pair, and sells nothing more.
    await rt.runCycle();
    expect(Number(rt.store.positions.get('BTC/USDT')?.quantity)).toBeLessThan(0.00001);
    expect(Number(rt.store.positions.get('ETH/USDT')?.quantity)).toBeLessThan(0.0001);
    expect(bed.exchange.engine.orders.filter((o) => o.side === 'SELL')).toHaveLength(2);
  });

  // adopt and cancel are the policies that would claim or cancel another pair's orders if a pair listed them as unknown.
  for (const policy of ['adopt', 'cancel'] as const)
    it(`a restart with resting orders on both pairs continues each pair (${policy}): a fill while down recorded once, nothing of ours adopted, cancelled or sent twice`, async () => {
      const bed = await liveBed({ USDT: '10000', BTC: '0', ETH: '0' }, { LIVE_UNKNOWN_ORDER_POLICY: policy });
      const rt = await bed.start();
      const ids: Record<string, string> = {};
      for (const [symbol, quantity, price] of [
        ['BTC/USDT', '0.01', '20000'],
        ['ETH/USDT', '0.1', '1000'],
      ] as const) {
        const placed = await postLiveOrder(rt, { symbol, side: 'BUY', type: 'LIMIT', quantity, price });
        if (placed.json.decision !== 'ALLOW') throw new Error(JSON.stringify(placed.json));
        ids[symbol] = placed.json.order.clientOrderId;
      }
      await rt.runCycle();
      await bed.stop();

      // While Warden is down, ETH falls through its resting buy, and someone places a BTC order by hand.
      bed.exchange.setPrice('ETHUSDT', '900');
      bed.exchange.engine.match('ETHUSDT', dec('900'), Date.now());
      expect(bed.exchange.engine.open('ETHUSDT')).toEqual([]);
      bed.exchange.engine.place(
        {
          symbol: 'BTCUSDT',
          side: 'BUY',
          type: 'LIMIT',
          quantity: dec('0.001'),
          quoteOrderQty: null,
          price: dec('21000'),
          clientOrderId: 'web_by_hand',
          fillRatio: 1,
        },
        dec('42000'),
        Date.now(),
      );
      const again = await bed.start();
      const eth = again.store.orders.byClientId(ids['ETH/USDT'] as string);
      const btc = again.store.orders.byClientId(ids['BTC/USDT'] as string);
      expect(eth?.status).toBe('FILLED');
      expect(btc?.status).toBe('NEW');
      const ethFills = again.store.fills.list({ clientOrderId: ids['ETH/USDT'] as string }, { limit: 10 }).items;
      expect(ethFills).toHaveLength(1);
      const ethHeld = again.store.positions.get('ETH/USDT')?.quantity;
      expect(Number(ethHeld)).toBeGreaterThan(0.099);
      // The hand-placed BTC order is adopted (or cancelled) once, by BTC/USDT; our orders are nobody's unknown.
      const unknown = again.store.audit.list({ type: 'live.unknown_order' }, { limit: 10 }).items;
      expect(unknown.map((e) => [(e.inputs as { clientOrderId: string }).clientOrderId, e.outcome])).toEqual([
        ['web_by_hand', policy === 'adopt' ? 'adopt' : 'canceled'],
      ]);
      if (policy === 'adopt') expect(again.store.orders.byClientId('web_by_hand')?.symbol).toBe('BTC/USDT');
      expect(again.store.audit.list({ type: 'live.balance_mismatch' }, { limit: 5 }).items).toEqual([]);
      expect(again.control.status().state).toBe('RUNNING');

      // Cycles after the restart: the fill stays counted once, and no order is sent again or cancelled.
      await again.runCycle();
      await again.runCycle();
      expect(again.store.fills.list({ clientOrderId: ids['ETH/USDT'] as string }, { limit: 10 }).items).toHaveLength(1);
      expect(again.store.positions.get('ETH/USDT')?.quantity).toBe(ethHeld);
      for (const id of Object.values(ids)) expect(bed.exchange.ordersWithClientId(id)).toBe(1);
      expect(
        bed.exchange.engine
          .open()
          .map((o) => o.clientOrderId)
          .sort(),
      ).toEqual((policy === 'adopt' ? [ids['BTC/USDT'], 'web_by_hand'] : [ids['BTC/USDT']]).sort());
    });

  it("another program's orders with the same client id on two pairs stay each pair's: adopted once, never recorded over each other, both cancelled by a stop", async () => {
    const bed = await liveBed({ USDT: '10000', BTC: '0', ETH: '0' }, { LIVE_UNKNOWN_ORDER_POLICY: 'adopt' });
    // Binance keeps client ids apart per symbol: a program may well use "bot-1" on both.
    const byHand = (symbol: string, price: string, quantity: string) =>
      bed.exchange.engine.place(
        {
          symbol,
          side: 'BUY',
          type: 'LIMIT',
          quantity: dec(quantity),
          quoteOrderQty: null,
          price: dec(price),
          clientOrderId: 'bot-1',
          fillRatio: 1,
        },
        dec('40000'),
        Date.now(),
      );
    byHand('BTCUSDT', '21000', '0.001');
    byHand('ETHUSDT', '1100', '0.02');
    const rt = await bed.start();
    const adopted = rt.store.orders.byClientId('bot-1');
    expect(adopted).toMatchObject({ symbol: 'BTC/USDT', quantity: '0.001' });
    // ETH/USDT's can be watched, not adopted: its id is taken in the journal. Said once per check, not silently.
    const unknown = rt.store.audit.list({ type: 'live.unknown_order' }, { limit: 10 }).items;
    expect(unknown.map((e) => [(e.inputs as { symbol?: string }).symbol, e.outcome])).toEqual([
      ['ETH/USDT', expect.stringContaining('not adopted')],
      ['BTC/USDT', 'adopt'],
    ]);

    const result = await rt.control.transition('emergency_stop', ADMIN, 'test: stop everything');
    expect(bed.exchange.engine.open()).toEqual([]);
    // The journal's BTC order is still BTC's, cancelled with BTC's own quantity and exchange id.
    const btcWire = bed.exchange.engine.byClientId('BTCUSDT', 'bot-1');
    expect(rt.store.orders.byClientId('bot-1')).toMatchObject({
      symbol: 'BTC/USDT',
      status: 'CANCELED',
      quantity: '0.001',
      exchangeOrderId: String(btcWire?.orderId),
    });
    expect(result.cancellation?.canceled.filter((o) => o.clientOrderId === 'bot-1')).toHaveLength(1);
  });

  it("the first cycle after a restart values every pair's holdings, not only the pairs that ran before it (no false drawdown stop)", async () => {
    const bed = await liveBed({ USDT: '10000', BTC: '0', ETH: '0' }, { RISK_MAX_POSITION_PCT: '100' });
    const rt = await bed.start();
    await rt.runCycle();
    // Half the account into the second pair: the peak equity (about 10,000) is recorded with it.
    expect((await postLiveOrder(rt, marketBuy('ETH/USDT', '5000'))).json.decision).toBe('ALLOW');
    await rt.runCycle();
    await bed.stop();
    const again = await bed.start();
    // BTC/USDT runs first: valued without ETH/USDT's mark the account would be worth 5,000.
    await again.runCycle();
    expect(again.store.audit.list({ type: 'state.emergency_stop' }, { limit: 5 }).items.map((e) => e.reason)).toEqual([]);
    expect(again.control.status().state).toBe('RUNNING');
    const last = again.store.equity.series(0).at(-1);
    expect(Number(last?.equity)).toBeGreaterThan(9_900);
  });

  it('names the pair in every live log line, so two pairs saying the same thing can be told apart', async () => {
    const bed = await liveBed({ USDT: '10000', BTC: '0', ETH: '0' });
    const lines: Array<{ msg?: string; symbol?: string; component?: string }> = [];
    const logs = new Writable({
      write: (chunk, _e, done) => {
        for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        done();
      },
    });
    await bed.start({ LOG_LEVEL: 'info' }, logs);
    const reconciled = lines.filter((l) => l.msg === 'live start-up reconciliation done');
    expect(reconciled.map((l) => [l.component, l.symbol])).toEqual([
      ['live', 'BTC/USDT'],
      ['live', 'ETH/USDT'],
    ]);
  });
});
