import { type ControlRuntime, ControlServiceImpl } from '@warden/core/app/controlServiceImpl';
import { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { UnknownOrderPolicy } from '@warden/core/live/unknownOrderPolicy';
import { dec } from '@warden/core/money/decimal';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveReconciler } from './liveReconciler.js';
import { BTC_FILTERS, intent, type LiveRig, startLiveRig, TICK } from './liveTestRig.js';

let rig: LiveRig | undefined;
afterEach(async () => rig?.close());

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** An operator's order placed by hand on the exchange website: a resting limit buy the journal does not know. */
function placeByHand(r: LiveRig, clientOrderId: string): void {
  r.venue.engine.place(
    {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: dec('0.001'),
      quoteOrderQty: null,
      price: dec('30000'),
      clientOrderId,
      fillRatio: 1,
    },
    dec('50000'),
    Date.now(),
  );
}

/** The live stack of the app, on a fake exchange: LiveBroker, LiveReconciler and the real ControlServiceImpl. */
async function liveStack(policy: UnknownOrderPolicy) {
  const r = await startLiveRig({ unknownOrderPolicy: policy });
  rig = r;
  const reconciler = new LiveReconciler({
    broker: r.broker,
    store: r.store,
    filters: BTC_FILTERS,
    now: () => r.clock.now(),
    policy,
    tolerancePct: 100,
    log: quiet,
  });
  const runtime: ControlRuntime = {
    scheduler: { isRunning: true, start: () => {}, stop: async () => {} },
    readiness: () => [],
    preflight: async () => [],
    cycleInfo: () => ({ lastCycleAt: null, lastCycleId: null, cycleCount: 0, lastError: null }),
    describe: () => ({
      mode: 'live',
      symbol: 'BTC/USDT',
      strategy: 'grid',
      timeframes: ['5m'],
      version: 't',
      startedAt: 0,
      requireDataReady: false,
    }),
  };
  const control = new ControlServiceImpl(r.store, r.clock, r.broker, runtime, new LiveUpdates(), { notify: () => {} });
  const own = await r.broker.submit(intent({ clientOrderId: 'wdOWN', type: 'LIMIT', price: '40000' }), TICK);
  r.store.orders.update(own.orders[0] as never);
  return { r, reconciler, stop: () => control.transition('emergency_stop', { id: 'user:ops', role: 'operator' }, 'test stop') };
}

const openOnExchange = (r: LiveRig) =>
  r.venue.engine
    .open()
    .map((o) => o.clientOrderId)
    .sort();

describe('emergency stop and orders the bot did not place (LIVE_UNKNOWN_ORDER_POLICY)', () => {
  it('adopt: an adopted order is cancelled by the stop like the bot’s own', async () => {
    const { r, reconciler, stop } = await liveStack('adopt');
    placeByHand(r, 'web_1');
    await reconciler.reconcile();
    expect(r.store.orders.byClientId('web_1')?.status).toBe('NEW');
    const result = await stop();
    expect(result.cancellation?.canceled.map((o) => o.clientOrderId).sort()).toEqual(['wdOWN', 'web_1']);
    expect(openOnExchange(r)).toEqual([]);
    expect(r.store.orders.byClientId('web_1')?.status).toBe('CANCELED');
  });

  it('adopt: an order placed after the last reconciliation is adopted and cancelled by the stop, and audited', async () => {
    const { r, reconciler, stop } = await liveStack('adopt');
    await reconciler.reconcile();
    placeByHand(r, 'web_2');
    const result = await stop();
    expect(result.cancellation?.canceled.map((o) => o.clientOrderId).sort()).toEqual(['wdOWN', 'web_2']);
    expect(result.cancellation?.failed).toEqual([]);
    expect(openOnExchange(r)).toEqual([]);
    expect(r.store.orders.byClientId('web_2')).toMatchObject({ status: 'CANCELED', reason: 'adopted from the exchange by reconciliation' });
    expect(r.store.audit.list({ type: 'live.unknown_order' }, { limit: 5 }).items[0]).toMatchObject({
      outcome: 'adopt',
      inputs: { clientOrderId: 'web_2' },
    });
    expect(r.store.audit.list({ type: 'state.emergency_stop' }, { limit: 1 }).items[0]?.inputs).toMatchObject({
      canceled: expect.arrayContaining(['wdOWN', 'web_2']),
    });
  });

  it('cancel: the stop cancels a foreign order reconciliation has not reached yet', async () => {
    const { r, stop } = await liveStack('cancel');
    placeByHand(r, 'web_3');
    const result = await stop();
    expect(result.cancellation?.canceled.map((o) => o.clientOrderId)).toEqual(['wdOWN']);
    expect(openOnExchange(r)).toEqual([]);
    expect(r.store.audit.list({ type: 'live.unknown_order' }, { limit: 5 }).items[0]).toMatchObject({ outcome: 'canceled' });
  });

  it('report: the stop cancels only the bot’s own orders and leaves the operator’s alone', async () => {
    const { r, reconciler, stop } = await liveStack('report');
    placeByHand(r, 'web_4');
    await reconciler.reconcile();
    const result = await stop();
    expect(result.cancellation?.canceled.map((o) => o.clientOrderId)).toEqual(['wdOWN']);
    expect(openOnExchange(r)).toEqual(['web_4']);
  });
});
