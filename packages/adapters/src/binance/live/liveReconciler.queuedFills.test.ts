import { applyBrokerUpdate } from '@warden/core/live/applyBrokerUpdate';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveReconciler } from './liveReconciler.js';
import { BTC_FILTERS, intent, type LiveRig, startLiveRig, TICK } from './liveTestRig.js';

let rig: LiveRig | undefined;
afterEach(async () => rig?.close());

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('periodic reconciliation counts the fills queued for the next cycle', () => {
  it('a resting order that fills between a cycle and the periodic check does not pause trading', async () => {
    // The account holds 0.1 BTC before the bot trades (the baseline).
    const r = await startLiveRig();
    rig = r;
    const paused: string[] = [];
    const reconciler = new LiveReconciler({
      broker: r.broker,
      store: r.store,
      filters: BTC_FILTERS,
      now: () => r.clock.now(),
      policy: 'report',
      tolerancePct: 1,
      log: quiet,
    });
    reconciler.setPause(async (reason) => {
      paused.push(reason);
    });
    // A cycle placed a resting limit buy of 0.01 BTC (10% of the holding) and recorded it.
    const placed = await r.broker.submit(intent({ clientOrderId: 'wdREST', type: 'LIMIT', quantity: '0.01', price: '49000' }), TICK);
    r.store.orders.update(placed.orders[0] as never);
    expect((await reconciler.reconcile()).balance?.ok).toBe(true);

    // After that cycle, the price crosses the order: it fills on the exchange, not yet in the database.
    r.venue.setPrice('BTCUSDT', '48000');
    const report = await reconciler.reconcile();
    expect(r.venue.engine.open()).toHaveLength(0);
    expect(r.store.positions.get('BTC/USDT')).toBeNull();
    expect(report.fillsApplied).toBe(1);
    expect(report.balance).toMatchObject({ ok: true, actual: '0.10999', expected: '0.10999' });
    expect(paused).toEqual([]);
    expect(r.store.audit.list({ type: 'live.balance_mismatch' }, { limit: 5 }).items).toHaveLength(0);

    // The next cycle records the fill once; the check after it agrees as well (nothing counted twice).
    const synced = await r.broker.sync(TICK);
    expect(synced.fills.map((f) => f.quantity)).toEqual(['0.01']);
    applyBrokerUpdate(r.store, synced, r.clock.now(), 'system', 'cycle');
    expect(r.store.positions.get('BTC/USDT')?.quantity).toBe('0.00999');
    expect((await reconciler.reconcile()).balance).toMatchObject({ ok: true, expected: '0.10999' });
    expect(paused).toEqual([]);
  });

  it('a real difference still pauses, after a second look', async () => {
    const r = await startLiveRig();
    rig = r;
    const paused: string[] = [];
    const reconciler = new LiveReconciler({
      broker: r.broker,
      store: r.store,
      filters: BTC_FILTERS,
      now: () => r.clock.now(),
      policy: 'report',
      tolerancePct: 1,
      log: quiet,
    });
    reconciler.setPause(async (reason) => {
      paused.push(reason);
    });
    await reconciler.reconcile();
    r.venue.account.set('BTC', '0.05'); // withdrawn by hand
    const accountReads = () => r.fake.requests.filter((q) => q.path === '/api/v3/account').length;
    const before = accountReads();
    expect((await reconciler.reconcile()).balance?.ok).toBe(false);
    expect(accountReads() - before).toBe(2);
    expect(paused).toHaveLength(1);
  });
});
