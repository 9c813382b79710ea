import { dec } from '@warden/core/money/decimal';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveReconciler } from './liveReconciler.js';
import { BTC_FILTERS, type LiveRig, startLiveRig } from './liveTestRig.js';

let rig: LiveRig;
afterEach(async () => rig?.close());

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
function reconciler(policy: 'report' | 'adopt' | 'cancel', paused: string[]) {
  const r = new LiveReconciler({
    broker: rig.broker,
    store: rig.store,
    filters: BTC_FILTERS,
    now: () => rig.clock.now(),
    policy,
    tolerancePct: 1,
    log: quiet,
    alert: (t) => rig.alerts.push(t),
  });
  r.setPause(async (reason) => {
    paused.push(reason);
  });
  return r;
}
/** An order placed on the exchange by someone else (by hand on the website). */
function foreignOrder(): void {
  rig.venue.engine.place(
    {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: dec('0.001'),
      quoteOrderQty: null,
      price: dec('30000'),
      clientOrderId: 'web_123',
      fillRatio: 1,
    },
    dec('50000'),
    Date.now(),
  );
}
describe('LiveReconciler', () => {
  for (const [policy, expectDb, expectOpen] of [
    ['report', null, 1],
    ['adopt', 'NEW', 1],
    ['cancel', null, 0],
  ] as const) {
    it(`unknown exchange order with policy ${policy}: reported, ${policy === 'report' ? 'left alone' : `${policy}ed`}`, async () => {
      rig = await startLiveRig();
      foreignOrder();
      const report = await reconciler(policy, []).reconcile();
      expect(report.foreign).toEqual(['web_123']);
      expect(rig.store.orders.byClientId('web_123')?.status ?? null).toBe(expectDb);
      expect(rig.venue.engine.open()).toHaveLength(expectOpen);
      expect(rig.store.audit.list({ type: 'live.unknown_order' }, { limit: 5 }).items[0]?.outcome).toBe(
        policy === 'cancel' ? 'canceled' : policy,
      );
      expect(rig.alerts.join()).toMatch(/Unknown order/);
    });
  }

  it('a base balance off by more than the tolerance pauses trading with an alert; within it, nothing happens', async () => {
    rig = await startLiveRig();
    const paused: string[] = [];
    const r = reconciler('report', paused);
    expect((await r.reconcile()).balance?.ok).toBe(true); // first run fixes the baseline (0.1 BTC held before the bot)
    rig.venue.account.set('BTC', '0.1005');
    expect((await r.reconcile()).balance?.ok).toBe(true);
    expect(paused).toEqual([]);
    rig.venue.account.set('BTC', '0.05');
    expect((await r.reconcile()).balance?.ok).toBe(false);
    expect(paused[0]).toMatch(/balance mismatch/);
    expect(rig.alerts.join()).toMatch(/Balance mismatch/);
  });

  it('start-up: fills missed while down are applied once, and the position moves once', async () => {
    rig = await startLiveRig();
    const placed = await rig.broker.submit(
      {
        clientOrderId: 'wdL1',
        symbol: 'BTC/USDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '0.002',
        price: '49000',
        cycleId: null,
        reason: 't',
        tag: null,
      },
      { now: 0, price: 0, high: 0, low: 0, volume: 0 },
    );
    rig.store.orders.update(placed.orders[0] as NonNullable<(typeof placed.orders)[0]>);
    rig.venue.setPrice('BTCUSDT', '48000'); // fills while "down"
    const r = reconciler('report', []);
    expect(await r.reconcileJournal()).toEqual({ ordersUpdated: 1, fillsApplied: 1 });
    expect(await r.reconcileJournal()).toEqual({ ordersUpdated: 0, fillsApplied: 0 });
    expect(rig.store.orders.byClientId('wdL1')?.status).toBe('FILLED');
    expect(rig.store.positions.get('BTC/USDT')?.quantity).toBe('0.001998');
  });
});
