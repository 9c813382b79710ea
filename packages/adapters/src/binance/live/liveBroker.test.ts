import { afterEach, describe, expect, it } from 'vitest';
import { intent, type LiveRig, startLiveRig, TICK } from './liveTestRig.js';

let rig: LiveRig;
afterEach(async () => rig?.close());

describe('LiveBroker against the fake Binance', () => {
  it('journals the intent as PENDING_SUBMIT before sending, and Binance sees exactly our client order id', async () => {
    rig = await startLiveRig();
    const seen: string[] = [];
    const broker = rig.newBroker(rig.store, (step, id) => seen.push(`${step}:${rig.store.orders.byClientId(id)?.status}`));
    const update = await broker.submit(intent(), TICK);
    expect(seen).toEqual(['intent-persisted:PENDING_SUBMIT', 'response-received:PENDING_SUBMIT']);
    expect(update.orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: '0.001', mode: 'live' });
    expect(update.fills).toHaveLength(1);
    const post = rig.fake.requests.find((r) => r.method === 'POST' && r.path === '/api/v3/order');
    expect(post?.params.newClientOrderId).toBe('wdBTCUSDT1hkx1n0');
    expect(post?.params.recvWindow).toBe('5000');
  });

  it('a rejected order (-1013 filters) ends REJECTED with one request and no exchange order', async () => {
    rig = await startLiveRig();
    const update = await rig.broker.submit(intent({ quantity: '0.000001' }), TICK);
    expect(update.orders[0]?.status).toBe('REJECTED');
    expect(rig.venue.ordersWithClientId('wdBTCUSDT1hkx1n0')).toBe(0);
  });

  it('insufficient balance (-2010) is REJECTED, not UNKNOWN', async () => {
    rig = await startLiveRig();
    const update = await rig.broker.submit(intent({ quantity: '5' }), TICK);
    expect(update.orders[0]?.status).toBe('REJECTED');
  });

  it('a second submit of the same intent never sends a second order', async () => {
    rig = await startLiveRig();
    const limit = intent({ type: 'LIMIT', price: '40000' });
    const first = await rig.broker.submit(limit, TICK);
    rig.store.orders.update(first.orders[0] as never);
    const again = await rig.broker.submit(limit, TICK);
    expect(again.orders).toEqual([]);
    expect(rig.fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order')).toHaveLength(1);
  });

  it('sync reports a resting limit order filled later, with its maker trade, once', async () => {
    rig = await startLiveRig();
    const placed = await rig.broker.submit(intent({ type: 'LIMIT', price: '49000' }), TICK);
    rig.store.orders.update(placed.orders[0] as never);
    expect(placed.orders[0]?.status).toBe('NEW');
    rig.venue.setPrice('BTCUSDT', '48990');
    const synced = await rig.broker.sync(TICK);
    expect(synced.orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: '0.001' });
    expect(synced.fills.map((f) => f.liquidity)).toEqual(['maker']);
    rig.store.transaction(() => {
      rig.store.orders.update(synced.orders[0] as never);
      for (const f of synced.fills) rig.store.fills.insert(f);
    });
    expect(await rig.broker.sync(TICK)).toEqual({ orders: [], fills: [] });
  });

  it('cancel by client id; emergency cancelAll reports which orders failed to cancel', async () => {
    rig = await startLiveRig();
    for (const [id, price] of [
      ['wdA', '40000'],
      ['wdB', '41000'],
    ] as const) {
      const u = await rig.broker.submit(intent({ clientOrderId: id, type: 'LIMIT', price }), TICK);
      rig.store.orders.update(u.orders[0] as never);
    }
    rig.fake.inject({ kind: 'serverError', path: '/api/v3/order', times: 10 });
    const report = await rig.broker.cancelAll('BTC/USDT', 1);
    expect(report.canceled).toHaveLength(0);
    expect(report.failed.map((f) => f.clientOrderId).sort()).toEqual(['wdA', 'wdB']);
    rig.fake.faults.clear();
    const ok = await rig.broker.cancelAll('BTC/USDT', 2);
    expect(ok.canceled.map((o) => o.status)).toEqual(['CANCELED', 'CANCELED']);
    expect(rig.venue.engine.open()).toHaveLength(0);
  });

  it("LIVE_EMERGENCY_FLATTEN: the stop cancels, then sells the bot's recorded position at market and nothing else", async () => {
    // The account holds 0.1 BTC; the bot's own position is 0.0123456 of it.
    rig = await startLiveRig({ flattenOnEmergency: true });
    rig.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.0123456', avgEntryPrice: '48000', realizedPnl: '0', updatedAt: 0 });
    const resting = await rig.broker.submit(intent({ clientOrderId: 'wdR', type: 'LIMIT', price: '40000' }), TICK);
    rig.store.orders.update(resting.orders[0] as never);

    const report = await rig.broker.cancelAll('BTC/USDT', 1_700_000_000_000);
    expect(report.failed).toEqual([]);
    expect(report.canceled.map((o) => `${o.clientOrderId} ${o.status}`)).toEqual(['wdR CANCELED']);
    // One market sell of the position, floored to the lot step, journaled under its own client id.
    const sells = rig.venue.engine.orders.filter((o) => o.side === 'SELL');
    expect(sells.map((o) => `${o.type} ${o.origQty.toFixed()}`)).toEqual(['MARKET 0.01234']);
    const journaled = rig.store.orders.byClientId(sells[0]?.clientOrderId ?? '');
    expect(journaled).toMatchObject({ side: 'SELL', type: 'MARKET', quantity: '0.01234', status: 'FILLED', tag: 'flatten' });
    expect(rig.venue.account.freeOf('BTC').toFixed()).toBe('0.08766');
    // The fill reaches the cycle through the next sync, like any other.
    const synced = await rig.broker.sync(TICK);
    expect(synced.fills.map((f) => `${f.side} ${f.quantity}`)).toEqual(['SELL 0.01234']);
  });

  it('flattening sells no more than is free', async () => {
    rig = await startLiveRig({ flattenOnEmergency: true, balances: { USDT: '10000', BTC: '0.004' } });
    rig.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.01', avgEntryPrice: '48000', realizedPnl: '0', updatedAt: 0 });
    await rig.broker.cancelAll('BTC/USDT', 1_700_000_000_000);
    expect(rig.venue.engine.orders.map((o) => `${o.side} ${o.origQty.toFixed()}`)).toEqual(['SELL 0.004']);
  });

  it('flattening sends nothing when the position is below the minimum quantity, even with plenty of base free', async () => {
    rig = await startLiveRig({ flattenOnEmergency: true, balances: { USDT: '10000', BTC: '1' } });
    rig.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.000001', avgEntryPrice: '48000', realizedPnl: '0', updatedAt: 0 });
    const report = await rig.broker.cancelAll('BTC/USDT', 1_700_000_000_000);
    expect(report).toEqual({ canceled: [], failed: [] });
    expect(rig.venue.engine.orders).toHaveLength(0);
  });

  it('a flatten sell the exchange does not clearly answer is reported with the failed cancellations', async () => {
    rig = await startLiveRig({ flattenOnEmergency: true });
    rig.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.01', avgEntryPrice: '48000', realizedPnl: '0', updatedAt: 0 });
    rig.fake.inject({ kind: 'serverError', path: '/api/v3/order', times: 10 });
    const report = await rig.broker.cancelAll('BTC/USDT', 1_700_000_000_000);
    expect(report.failed).toEqual([{ clientOrderId: expect.stringMatching(/^wdflat/), error: expect.stringContaining('status unknown') }]);
  });

  it('reads balances from the account endpoint as exact decimals', async () => {
    rig = await startLiveRig();
    expect(await rig.broker.balances()).toEqual({
      base: { asset: 'BTC', free: '0.1', locked: '0' },
      quote: { asset: 'USDT', free: '10000', locked: '0' },
    });
  });
});
