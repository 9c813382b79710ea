import { applyBrokerUpdate } from '@warden/core/live/applyBrokerUpdate';
import { dec } from '@warden/core/money/decimal';
import type { BrokerUpdate } from '@warden/core/ports/broker';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveBroker } from './liveBroker.js';
import { LiveReconciler } from './liveReconciler.js';
import { BTC_FILTERS, intent, type LiveRig, startLiveRig, TICK } from './liveTestRig.js';

let rig: LiveRig | undefined;
let restarted: SqliteStore | undefined;
afterEach(async () => {
  restarted?.close();
  restarted = undefined;
  await rig?.close();
  rig = undefined;
});

const ID = 'wdPART';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** What a cycle does with a broker's answer: orders upserted, new fills recorded once, the position moved by them. */
function record(r: LiveRig, store: SqliteStore, update: BrokerUpdate): void {
  applyBrokerUpdate(store, update, r.clock.now(), 'system', 'cycle');
}

function reconciler(r: LiveRig, store: SqliteStore, broker: LiveBroker): LiveReconciler {
  return new LiveReconciler({
    broker,
    store,
    filters: BTC_FILTERS,
    now: () => r.clock.now(),
    policy: 'report',
    tolerancePct: 1,
    log: quiet,
  });
}

/**
 * A resting limit BUY of 0.01 BTC at 49 000 on an account holding 10 000 USDT and 0.1 BTC (the
 * baseline the bot did not buy), recorded as a cycle records it.
 */
async function placeResting(): Promise<LiveRig> {
  const r = await startLiveRig();
  rig = r;
  await reconciler(r, r.store, r.broker).reconcile(); // remembers the 0.1 BTC baseline
  const placed = await r.broker.submit(intent({ clientOrderId: ID, type: 'LIMIT', quantity: '0.01', price: '49000' }), TICK);
  expect(placed.orders[0]).toMatchObject({ status: 'NEW' });
  record(r, r.store, placed);
  return r;
}

/** Opens the same database again with a new broker: the process restarted. */
async function restart(
  r: LiveRig,
): Promise<{ store: SqliteStore; broker: LiveBroker; reconciled: { ordersUpdated: number; fillsApplied: number } }> {
  restarted = openStore(r.dbPath);
  const broker = r.newBroker(restarted);
  const reconciled = await reconciler(r, restarted, broker).reconcileJournal();
  return { store: restarted, broker, reconciled };
}

function exchangeBalances(r: LiveRig) {
  const a = r.venue.account;
  return {
    USDT: [a.freeOf('USDT').toFixed(), a.lockedOf('USDT').toFixed()],
    BTC: [a.freeOf('BTC').toFixed(), a.lockedOf('BTC').toFixed()],
  };
}

/** The database's fills of the order are exactly the exchange's trades of it, once each. */
function expectFillsMatchExchange(r: LiveRig, store: SqliteStore, count: number): void {
  const onExchange = r.venue.engine.orders.filter((o) => o.clientOrderId === ID);
  expect(onExchange).toHaveLength(1);
  const trades = r.venue.engine.trades.filter((t) => t.orderId === onExchange[0]?.orderId).map((t) => String(t.id));
  const fills = store.fills.list({ clientOrderId: ID }, { limit: 100 }).items.map((f) => f.tradeId);
  expect(fills.sort()).toEqual(trades.sort());
  expect(fills).toHaveLength(count);
}

describe('live partial fills against the fake exchange: a piece fills, the rest is cancelled, the bot restarts', () => {
  it('emergency stop after one piece: one fill recorded, never again after a restart; the position is the piece; the rest is released', async () => {
    const r = await placeResting();
    r.venue.setPrice('BTCUSDT', '48900', { liquidity: '0.004' });
    const first = await r.broker.sync(TICK);
    expect(first.orders).toEqual([expect.objectContaining({ clientOrderId: ID, status: 'PARTIALLY_FILLED', filledQuantity: '0.004' })]);
    expect(first.fills).toEqual([expect.objectContaining({ quantity: '0.004', price: '49000', liquidity: 'maker' })]);
    record(r, r.store, first);
    // Nothing new traded: the next cycle finds nothing to record.
    expect(await r.broker.sync(TICK)).toMatchObject({ orders: [], fills: [] });

    const report = await r.broker.cancelAll('BTC/USDT', r.clock.now());
    expect(report.canceled).toEqual([expect.objectContaining({ status: 'CANCELED', filledQuantity: '0.004' })]);
    record(r, r.store, { orders: report.canceled, fills: [] });
    // Only the 0.004 BTC bought was paid for (196 USDT); the remainder's 294 USDT is free again.
    expect(exchangeBalances(r)).toEqual({ USDT: ['9804', '0'], BTC: ['0.103996', '0'] });

    const after = await restart(r);
    expect(after.reconciled).toEqual({ ordersUpdated: 0, fillsApplied: 0 });
    expect(await after.broker.sync(TICK)).toMatchObject({ orders: [], fills: [] });
    expectFillsMatchExchange(r, after.store, 1);
    expect(after.store.orders.byClientId(ID)).toMatchObject({ status: 'CANCELED', filledQuantity: '0.004', avgFillPrice: '49000' });
    expect(after.store.positions.get('BTC/USDT')?.quantity).toBe('0.003996'); // 0.004 less the 0.1 % fee in BTC
    expect((await reconciler(r, after.store, after.broker).reconcile()).balance).toMatchObject({ ok: true, expected: '0.103996' });
  });

  it('a second piece and a cancel on the exchange while the bot is down: the restart records the new piece once and the cancel', async () => {
    const r = await placeResting();
    r.venue.setPrice('BTCUSDT', '48900', { liquidity: '0.004' });
    record(r, r.store, await r.broker.sync(TICK));
    // The bot is down: 0.002 more trades, then the operator cancels the order on Binance's site.
    const resting = r.venue.engine.orders.find((o) => o.clientOrderId === ID);
    if (!resting) throw new Error('order missing on the exchange');
    r.venue.engine.setLiquidity('BTCUSDT', dec('0.002'));
    r.venue.engine.match('BTCUSDT', dec('48800'), r.clock.now());
    r.venue.engine.cancel(resting, r.clock.now());

    const after = await restart(r);
    expect(after.reconciled).toEqual({ ordersUpdated: 1, fillsApplied: 1 });
    expect(after.store.orders.byClientId(ID)).toMatchObject({ status: 'CANCELED', filledQuantity: '0.006' });
    expectFillsMatchExchange(r, after.store, 2);
    expect(after.store.positions.get('BTC/USDT')?.quantity).toBe('0.005994');
    expect(exchangeBalances(r)).toEqual({ USDT: ['9706', '0'], BTC: ['0.105994', '0'] });
    // Restarting once more changes nothing.
    restarted?.close();
    const again = await restart(r);
    expect(again.reconciled).toEqual({ ordersUpdated: 0, fillsApplied: 0 });
    expect(await again.broker.sync(TICK)).toMatchObject({ orders: [], fills: [] });
    expect(again.store.positions.get('BTC/USDT')?.quantity).toBe('0.005994');
  });

  it('a cancel that races a piece: the piece reaches the next cycle once, and a restart adds nothing', async () => {
    const r = await placeResting();
    // The piece trades on the exchange just before the cancel arrives (the fake matches first, then cancels).
    r.venue.setPrice('BTCUSDT', '48900', { liquidity: '0.003' });
    const canceled = await r.broker.cancel(ID, r.clock.now());
    expect(canceled).toEqual({ orders: [expect.objectContaining({ status: 'CANCELED', filledQuantity: '0.003' })], fills: [] });
    record(r, r.store, canceled);
    const next = await r.broker.sync(TICK);
    expect(next.fills.map((f) => f.quantity)).toEqual(['0.003']);
    record(r, r.store, next);
    expect(r.store.positions.get('BTC/USDT')?.quantity).toBe('0.002997');

    const after = await restart(r);
    expect(after.reconciled).toEqual({ ordersUpdated: 0, fillsApplied: 0 });
    expect((await after.broker.sync(TICK)).fills).toHaveLength(0);
    expectFillsMatchExchange(r, after.store, 1);
    expect(after.store.positions.get('BTC/USDT')?.quantity).toBe('0.002997');
    expect(exchangeBalances(r)).toEqual({ USDT: ['9853', '0'], BTC: ['0.102997', '0'] });
  });
});
