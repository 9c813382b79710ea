import { Writable } from 'node:stream';
import { LIVE_CONFIRM_PHRASE } from '@warden/core/config/schema';
import { BTC_2021_WEEK, type FakeBinance, recordedMarket, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { createSignedExchange, type SignedExchange } from '@warden/testkit/fakeBinance/orderRoutes';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { startWarden, type WardenRuntime } from './startWarden.js';

const KEY = 'CANARY-LIVE-KEY-9f8e7d';
const SECRET = 'CANARY-LIVE-SECRET-1a2b3c';
const DAY = 86_400_000;
let fake: FakeBinance | null = null;
let runtime: WardenRuntime | null = null;
let cleanup: () => void = () => {};
const logs: string[] = [];

afterEach(async () => {
  await runtime?.stop('test end');
  await fake?.close();
  cleanup();
  runtime = null;
  fake = null;
  logs.length = 0;
});

async function bootLive(): Promise<{ rt: WardenRuntime; exchange: SignedExchange; f: FakeBinance }> {
  const f = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * DAY + 1000 });
  fake = f;
  const exchange = createSignedExchange({ apiKey: KEY, secret: SECRET, balances: { USDT: '10000', BTC: '0' } });
  f.addRoutes(exchange.routes);
  const db = tempDbPath();
  cleanup = db.cleanup;
  const rt = await startWarden({
    env: {
      TRADING_MODE: 'live',
      BINANCE_API_KEY: KEY,
      BINANCE_API_SECRET: SECRET,
      LIVE_TRADING_CONFIRM: LIVE_CONFIRM_PHRASE,
      BINANCE_BASE_URL: f.url,
      DATABASE_PATH: db.path.replace('warden.db', 'warden-live.db'),
      PORT: '0',
      TRADING_CYCLE_SECONDS: '3600',
      TRADING_ACTIVE_STRATEGY: 'ema_crossover',
      LOG_LEVEL: 'debug',
    },
    logDestination: new Writable({
      write(chunk, _e, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  runtime = rt;
  return { rt, exchange, f };
}

describe('warden start in live mode against the fake exchange (signed endpoints)', () => {
  it('trades through the live broker: every order reaches the exchange exactly once and the database agrees', async () => {
    const { rt, exchange, f } = await bootLive();
    expect(rt.control.status().mode).toBe('live');
    for (let i = 0; i < 150; i++) {
      f.tape.clock.advance(300_000);
      await rt.runCycle();
    }
    const orders = rt.store.orders.list({}, { limit: 500 }).items;
    expect(orders.length).toBeGreaterThan(2);
    for (const o of orders) {
      expect(o.mode).toBe('live');
      expect(exchange.ordersWithClientId(o.clientOrderId)).toBe(1);
      expect(['FILLED', 'NEW', 'PARTIALLY_FILLED', 'CANCELED']).toContain(o.status);
    }
    expect(exchange.engine.orders.length).toBe(orders.length);
    const dbFills = rt.store.fills.all('BTC/USDT').length;
    expect(dbFills).toBe(exchange.engine.trades.length);
    const placed = rt.store.audit.list({ type: 'order.placed' }, { limit: 500 }).items;
    expect(placed.every((e) => (e.inputs as { mode: string }).mode === 'live')).toBe(true);
  }, 300_000);

  it('never lets the API key or secret reach a response, a log line or an event', async () => {
    const { rt, f } = await bootLive();
    for (let i = 0; i < 30; i++) {
      f.tape.clock.advance(300_000);
      await rt.runCycle();
    }
    const bodies = await Promise.all(
      ['/api/config', '/api/system/status', '/api/events?limit=500', '/api/orders', '/api/fills'].map(async (p) =>
        (await fetch(`${rt.url}${p}`)).text(),
      ),
    );
    const everything = [bodies.join('\n'), logs.join(''), JSON.stringify(rt.store.audit.list({}, { limit: 500 }).items)].join('\n');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(SECRET);
    expect(logs.length).toBeGreaterThan(10);
  }, 240_000);

  it('the status and the audit trail say live mode unmistakably', async () => {
    const { rt } = await bootLive();
    const status = (await (await fetch(`${rt.url}/api/system/status`)).json()) as { mode: string };
    expect(status.mode).toBe('live');
    const started = rt.store.audit.list({ type: 'system.started' }, { limit: 1 }).items[0];
    expect(started?.inputs).toMatchObject({ mode: 'live' });
  });
});
