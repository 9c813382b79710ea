import { Writable } from 'node:stream';
import { intent, type LiveRig, startLiveRig, TEST_API_KEY, TEST_API_SECRET } from '@warden/adapters/binance/live/liveTestRig';
import { parseConfig } from '@warden/core/config/parseConfig';
import { buildSymbolFilters } from '@warden/core/execution/symbolFilters.fixture';
import { ManualLiveOrders } from '@warden/core/live/manualLiveOrder';
import { RiskEngine } from '@warden/core/risk/riskEngine';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../../testing/apiHarness.js';

let rig: LiveRig;
let h: ApiHarness;
let tradingState: 'RUNNING' | 'PAUSED' = 'RUNNING';
afterEach(async () => {
  await h?.close();
  await rig?.close();
});

const ORDER = { side: 'BUY', type: 'MARKET', quantity: '0.001', reason: 'rebalance by hand' };

/** Runs inside the risk context, after the trading state was read: what lands "between the first check and the send". */
let duringCheck: () => Promise<void> = async () => {};

async function setUp(logLines: string[], options: { shareDatabase?: boolean } = {}): Promise<void> {
  rig = await startLiveRig();
  const config = parseConfig({ DATABASE_PATH: rig.dbPath });
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write: (chunk, _e, cb) => {
        logLines.push(String(chunk));
        cb();
      },
    }),
  );
  const liveOrders = new ManualLiveOrders({
    store: rig.store,
    broker: rig.broker,
    filters: buildSymbolFilters(),
    risk: new RiskEngine(riskLimitsFromConfig(config)),
    newClientOrderId: () => 'wdmanual1',
    handOver: (update) => {
      for (const o of update.orders) rig.store.orders.update(o);
      rig.broker.enqueueFills(update.fills);
    },
    riskContext: async () => {
      const now = rig.clock.now();
      const state = tradingState;
      await duringCheck();
      return {
        now,
        state,
        price: 50000,
        lastCandle: { openTime: now - 3_600_000, timeframeMs: 3_600_000 },
        positionQuantity: '0',
        equity: 15000,
        peakEquity: 15000,
        dayStartEquity: 15000,
      };
    },
  });
  h = await startApi({ auth: true, deps: { liveOrders, logger }, ...(options.shareDatabase ? { databasePath: rig.dbPath } : {}) });
}

describe('POST /api/live/orders', () => {
  it('is admin only: viewer and operator get 403 and nothing reaches the exchange', async () => {
    await setUp([]);
    for (const role of ['viewer', 'operator']) {
      const token = await h.login(role);
      expect((await h.request('POST', '/api/live/orders', { token, body: ORDER })).status).toBe(403);
    }
    expect((await h.request('POST', '/api/live/orders', { token: null, body: ORDER })).status).toBe(401);
    expect(rig.venue.engine.orders).toHaveLength(0);
  });

  it('places an admin order through the risk engine and the live broker, audited with actor and reason', async () => {
    await setUp([]);
    const res = await h.request('POST', '/api/live/orders', { token: await h.login('admin'), body: ORDER });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decision: 'ALLOW', order: { clientOrderId: 'wdmanual1', status: 'FILLED', mode: 'live' } });
    expect(rig.venue.ordersWithClientId('wdmanual1')).toBe(1);
    const audit = rig.store.audit.list({ type: 'live.manual_order' }, { limit: 5 }).items;
    expect(audit[0]).toMatchObject({ actor: 'user:admin', reason: 'rebalance by hand', outcome: 'FILLED' });
  });

  it('an idempotency key makes a retried request return the first order instead of placing a second', async () => {
    await setUp([]);
    const token = await h.login('admin');
    const body = { ...ORDER, clientOrderId: 'retry-42' };
    const first = await h.request('POST', '/api/live/orders', { token, body });
    const again = await h.request('POST', '/api/live/orders', { token, body });
    expect(first.body).toMatchObject({ decision: 'ALLOW', order: { clientOrderId: 'wdm-retry-42' } });
    expect(again.body).toMatchObject({ decision: 'ALLOW', duplicate: true, order: { clientOrderId: 'wdm-retry-42' } });
    expect(rig.venue.ordersWithClientId('wdm-retry-42')).toBe(1);
    expect(rig.venue.engine.orders).toHaveLength(1);
    expect((await h.request('POST', '/api/live/orders', { token, body: { ...ORDER, clientOrderId: 'no spaces!' } })).status).toBe(400);
    const other = await h.request('POST', '/api/live/orders', { token, body: { ...body, side: ORDER.side === 'BUY' ? 'SELL' : 'BUY' } });
    expect(other.status).toBe(409);
    expect(rig.venue.engine.orders).toHaveLength(1);
  });

  it('a risk block (trading paused) is returned and audited, not sent', async () => {
    tradingState = 'PAUSED';
    await setUp([]);
    const res = await h.request('POST', '/api/live/orders', { token: await h.login('admin'), body: ORDER });
    tradingState = 'RUNNING';
    expect(res.body).toMatchObject({ decision: 'BLOCK', reasons: ['NOT_RUNNING'] });
    expect(rig.venue.engine.orders).toHaveLength(0);
    expect(rig.store.audit.list({ type: 'live.manual_order' }, { limit: 5 }).items[0]).toMatchObject({
      actor: 'user:admin',
      outcome: 'BLOCK',
    });
  });

  it('a pause that lands between the risk check and the send stops the order: re-checked right before sending, audited, nothing sent', async () => {
    await setUp([], { shareDatabase: true });
    const [admin, operator] = [await h.login('admin'), await h.login('operator')];
    duringCheck = async () => {
      // The operator pauses through the API while the order is being checked (ticker, balances, open orders).
      expect((await h.request('POST', '/api/system/pause', { token: operator, body: { reason: 'pause lands mid-order' } })).status).toBe(
        200,
      );
    };
    const res = await h.request('POST', '/api/live/orders', { token: admin, body: ORDER });
    duringCheck = async () => {};
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ decision: 'BLOCK', reasons: ['NOT_RUNNING'] });
    expect(rig.venue.engine.orders).toHaveLength(0);
    expect(rig.store.audit.list({ type: 'live.manual_order' }, { limit: 1 }).items[0]).toMatchObject({
      actor: 'user:admin',
      outcome: 'BLOCK',
      inputs: { reasons: ['NOT_RUNNING'], state: 'PAUSED' },
    });
  });

  it('rejects a body without a reason, with both sizes, or a limit without a price (400)', async () => {
    await setUp([]);
    const token = await h.login('admin');
    for (const body of [
      { ...ORDER, reason: '' },
      { ...ORDER, quoteAmount: '50' },
      { ...ORDER, type: 'LIMIT' },
    ]) {
      expect((await h.request('POST', '/api/live/orders', { token, body })).status).toBe(400);
    }
  });

  it('the canary API key and secret appear in no response, log line, audit event or alert', async () => {
    const logLines: string[] = [];
    await setUp(logLines);
    const token = await h.login('admin');
    const texts: string[] = [];
    texts.push((await h.request('POST', '/api/live/orders', { token, body: ORDER })).text);
    rig.venue.faults.inject({ kind: 'errorAfterAccept', status: 503, code: -1001 });
    texts.push((await h.request('POST', '/api/live/orders', { token, body: { ...ORDER, reason: 'second' } })).text);
    rig.fake.inject({ kind: 'banned', retryAfterSeconds: 1, path: '/api/v3/order' });
    await rig.broker.submit(intent({ clientOrderId: 'wdBan' }), { now: 0, price: 0, high: 0, low: 0, volume: 0 });
    for (const path of ['/api/events?limit=500', '/api/orders', '/api/system/status', '/api/config'])
      texts.push((await h.request('GET', path, { token })).text);
    const events = rig.store.audit.list({}, { limit: 500 }).items.map((e) => JSON.stringify(e));
    const everything = [...texts, ...logLines, ...rig.logs, ...rig.alerts, ...events].join('\n');
    expect(events.length).toBeGreaterThan(3);
    expect(rig.alerts.length).toBeGreaterThan(0);
    expect(everything).not.toContain(TEST_API_KEY);
    expect(everything).not.toContain(TEST_API_SECRET);
  });
});
