import type { BrokerUpdate } from '@warden/core/ports/broker';
import { afterEach, describe, expect, it } from 'vitest';
import { intent, type LiveRig, startLiveRig, TICK } from './liveTestRig.js';

let rig: LiveRig;
afterEach(async () => rig?.close());

const ID = 'wdBTCUSDT1hkx1n0';
const posts = () => rig.fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').length;
function persist(update: BrokerUpdate): void {
  rig.store.transaction(() => {
    for (const o of update.orders) rig.store.orders.update(o);
    for (const f of update.fills) rig.store.fills.insert(f);
  });
}

describe('LiveBroker under injected exchange faults: one exchange order per intent, right final state', () => {
  it('timeout after the order was accepted → UNKNOWN, then resolved FILLED by client id, never resent', async () => {
    rig = await startLiveRig({ timeoutMs: 500 });
    rig.venue.faults.inject({ kind: 'timeoutAfterAccept', delayMs: 3000 });
    const update = await rig.broker.submit(intent(), TICK);
    // The immediate lookup already finds it.
    expect(update.orders[0]).toMatchObject({ status: 'FILLED', clientOrderId: ID });
    expect(update.fills).toHaveLength(1);
    // (The hung request is only logged by the fake when it answers; the venue's book is the witness.)
    expect(rig.venue.ordersWithClientId(ID)).toBe(1);
    expect(rig.store.audit.list({ type: 'order.unknown' }, { limit: 10 }).items).toHaveLength(1);
  });

  it('5xx after acceptance → UNKNOWN, resolved to NEW for a resting limit', async () => {
    rig = await startLiveRig();
    rig.venue.faults.inject({ kind: 'errorAfterAccept', status: 503, code: -1001 });
    const update = await rig.broker.submit(intent({ type: 'LIMIT', price: '40000' }), TICK);
    expect(update.orders[0]?.status).toBe('NEW');
    expect(posts()).toBe(1);
  });

  it('-1007 (backend timeout, status unknown) → looked up, not resent', async () => {
    rig = await startLiveRig();
    rig.venue.faults.inject({
      kind: 'errorAfterAccept',
      status: 408,
      code: -1007,
      msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
    });
    const update = await rig.broker.submit(intent(), TICK);
    expect(update.orders[0]?.status).toBe('FILLED');
    expect(posts()).toBe(1);
  });

  it('connection reset mid-response → UNKNOWN, resolved by lookup', async () => {
    rig = await startLiveRig();
    rig.venue.faults.inject({ kind: 'resetAfterAccept' });
    const update = await rig.broker.submit(intent(), TICK);
    expect(update.orders[0]?.status).toBe('FILLED');
    expect(posts()).toBe(1);
    expect(rig.venue.ordersWithClientId(ID)).toBe(1);
  });

  it('5xx before acceptance → UNKNOWN while the lookup also fails; later REJECTED once recvWindow has surely passed', async () => {
    rig = await startLiveRig({ recvWindowMs: 1000 });
    rig.fake.inject({ kind: 'serverError', path: '/api/v3/order', times: 6 });
    const update = await rig.broker.submit(intent(), TICK);
    expect(update.orders[0]?.status).toBe('UNKNOWN');
    persist(update);
    // Young and not found: wait (it could still appear).
    expect((await rig.broker.sync(TICK)).orders).toEqual([]);
    const old = rig.store.orders.byClientId(ID);
    rig.store.orders.update({ ...(old as NonNullable<typeof old>), updatedAt: rig.clock.now() - 60_000 });
    const later = await rig.broker.sync(TICK);
    expect(later.orders[0]?.status).toBe('REJECTED');
    expect(posts()).toBe(1);
    expect(rig.venue.ordersWithClientId(ID)).toBe(0);
  });

  it('429 with Retry-After on create: waits it out and sends once more (the first was refused, not placed)', async () => {
    rig = await startLiveRig();
    rig.fake.inject({ kind: 'rateLimited', retryAfterSeconds: 1, path: '/api/v3/order' });
    const update = await rig.broker.submit(intent(), TICK);
    expect(update.orders[0]?.status).toBe('FILLED');
    expect(rig.venue.ordersWithClientId(ID)).toBe(1);
    expect(rig.fake.requests.some((r) => r.beforeRetryAfter)).toBe(false);
  });

  it('418 ban: the order is REJECTED, an alert is raised, and nothing more is sent while banned', async () => {
    rig = await startLiveRig();
    rig.fake.inject({ kind: 'banned', retryAfterSeconds: 600, path: '/api/v3/order' });
    const update = await rig.broker.submit(intent(), TICK);
    expect(update.orders[0]?.status).toBe('REJECTED');
    expect(rig.alerts.join('\n')).toMatch(/418/);
    const before = rig.fake.requests.length;
    await expect(rig.broker.submit(intent({ clientOrderId: 'wdOther' }), TICK)).resolves.toMatchObject({
      orders: [{ status: 'REJECTED' }],
    });
    expect(rig.fake.requests.length).toBe(before);
  });

  it('partial fill: PARTIALLY_FILLED with its trade, then FILLED with only the new trade', async () => {
    rig = await startLiveRig();
    rig.venue.faults.inject({ kind: 'partialFill', ratio: 0.5 });
    const first = await rig.broker.submit(intent({ type: 'LIMIT', price: '50000', quantity: '0.002' }), TICK);
    expect(first.orders[0]).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: '0.001' });
    persist(first);
    rig.venue.setPrice('BTCUSDT', '49990');
    const second = await rig.broker.sync(TICK);
    expect(second.orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: '0.002' });
    expect(second.fills).toHaveLength(1);
    expect(second.fills[0]?.tradeId).not.toBe(first.fills[0]?.tradeId);
  });

  it('clock skew: -1021 resyncs the exchange clock and the order goes through once', async () => {
    rig = await startLiveRig();
    rig.fake.setClockSkew(30_000);
    const update = await rig.broker.submit(intent(), TICK);
    expect(update.orders[0]?.status).toBe('FILLED');
    expect(rig.fake.requests.filter((r) => r.path === '/api/v3/order' && r.status === 400)).toHaveLength(1);
    expect(rig.venue.ordersWithClientId(ID)).toBe(1);
  });

  it('reads are retried after a 5xx (cancel and lookups), creates are not', async () => {
    rig = await startLiveRig();
    const placed = await rig.broker.submit(intent({ type: 'LIMIT', price: '40000' }), TICK);
    persist(placed);
    rig.fake.inject({ kind: 'serverError', path: '/api/v3/order', times: 2 });
    const canceled = await rig.broker.cancel(ID, 1);
    expect(canceled.orders[0]?.status).toBe('CANCELED');
  });
});
