import { Writable } from 'node:stream';
import { LIVE_CONFIRM_PHRASE } from '@warden/core/config/schema';
import type { ManualLiveOrderResult } from '@warden/core/live/manualLiveOrder';
import { type FakeBinance, recordedUsdtPairs4h, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { createSignedExchange, type SignedExchange } from '@warden/testkit/fakeBinance/orderRoutes';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { startWarden, type WardenRuntime } from './startWarden.js';

// Two recorded 2024 pairs traded live from one USDT balance on the fake exchange's signed endpoints.
const KEY = 'CANARY-MANUAL-KEY-77aa';
const SECRET = 'CANARY-MANUAL-SECRET-88bb';
const H4 = 4 * 3_600_000;
const MARKET_TIME = Date.UTC(2023, 11, 30, 8) + 60 * H4 + 1000;
let fake: FakeBinance | null = null;
let runtime: WardenRuntime | null = null;
let cleanup: () => void = () => {};

afterEach(async () => {
  await runtime?.stop('test end');
  await fake?.close();
  cleanup();
  runtime = null;
  fake = null;
});

async function bootLivePair(env: Record<string, string>): Promise<{ rt: WardenRuntime; exchange: SignedExchange }> {
  fake = await startFakeBinance({ candles: recordedUsdtPairs4h(), marketTime: MARKET_TIME });
  const exchange = createSignedExchange({ apiKey: KEY, secret: SECRET, balances: { USDT: '10000', BTC: '0', ETH: '0' } });
  fake.addRoutes(exchange.routes);
  const db = tempDbPath();
  cleanup = db.cleanup;
  runtime = await startWarden({
    env: {
      TRADING_MODE: 'live',
      BINANCE_API_KEY: KEY,
      BINANCE_API_SECRET: SECRET,
      LIVE_TRADING_CONFIRM: LIVE_CONFIRM_PHRASE,
      BINANCE_BASE_URL: fake.url,
      DATABASE_PATH: db.path.replace('warden.db', 'warden-live.db'),
      PORT: '0',
      TRADING_CYCLE_SECONDS: '3600',
      TRADING_TIMEFRAMES: '4h',
      TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT',
      TRADING_ACTIVE_STRATEGY: 'ema_crossover',
      RISK_MAX_ORDER_NOTIONAL: '0',
      LOG_LEVEL: 'silent',
      ...env,
    },
    logDestination: new Writable({ write: (_c, _e, done) => done() }),
  });
  return { rt: runtime, exchange };
}

const order = (symbol: string, quoteAmount: string) => ({ symbol, side: 'BUY', type: 'MARKET', quoteAmount, reason: 'test' });

async function post(
  rt: WardenRuntime,
  body: unknown,
): Promise<{ status: number; json: ManualLiveOrderResult & { error?: { field?: string } } }> {
  const res = await fetch(`${rt.url}/api/live/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as ManualLiveOrderResult & { error?: { field?: string } } };
}

describe('manual live orders with several pairs (one account)', { timeout: 180_000 }, () => {
  it('go to the pair they name, and a missing symbol is a 400 naming the field', async () => {
    const { rt, exchange } = await bootLivePair({});
    const eth = await post(rt, order('ETH/USDT', '200'));
    expect(eth.status).toBe(200);
    expect(eth.json.decision).toBe('ALLOW');
    expect(exchange.engine.orders.map((o) => o.symbol)).toEqual(['ETHUSDT']);
    const missing = await post(rt, { side: 'BUY', type: 'MARKET', quoteAmount: '50', reason: 'which pair?' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json)).toContain('symbol');
    expect(exchange.engine.orders).toHaveLength(1);
  });

  it("are checked against the whole account's equity and the other pairs' exposure, as the cycle's orders are", async () => {
    const { rt, exchange } = await bootLivePair({
      RISK_ORDER_SIZE_PCT: '100',
      RISK_MAX_POSITION_PCT: '100',
      RISK_MAX_TOTAL_EXPOSURE_PCT: '60',
    });
    // The account's equity (10,000 USDT) becomes the watermark.
    await rt.runCycle();
    // Half the account into ETH: the quote left is 5,000 but the account is still worth about 10,000.
    const eth = await post(rt, order('ETH/USDT', '5000'));
    expect(eth.json.decision).toBe('ALLOW');
    await rt.runCycle();
    // The next cycle reads the account once for both pairs: the USDT spent and the ETH bought are in
    // the same read, so the account's equity did not "drop" by the order's value (no false stop).
    expect(rt.control.status().state).toBe('RUNNING');
    expect(rt.store.audit.list({ type: 'state.emergency_stop' }, { limit: 1 }).items).toEqual([]);
    // Against BTC/USDT's own balances (5,000 USDT, no BTC) this would be a 50 % drawdown from the
    // 10,000 peak (MAX_DRAWDOWN); against the account it is none, and the 60 % total exposure cap
    // leaves room for about 1,000 more of the 2,000 asked.
    const btc = await post(rt, order('BTC/USDT', '2000'));
    expect(btc.json, JSON.stringify(btc.json)).toMatchObject({ decision: 'ALLOW' });
    const spent = exchange.engine.trades.filter((t) => t.symbol === 'BTCUSDT').reduce((sum, t) => sum + Number(t.quoteQty), 0);
    expect(spent).toBeLessThan(1_300);
    expect(spent).toBeGreaterThan(500);
    const audit = rt.store.audit.list({ type: 'live.manual_order' }, { limit: 5 }).items;
    expect(audit.some((e) => JSON.stringify(e.inputs).includes('MAX_TOTAL_EXPOSURE'))).toBe(true);
  });
});
