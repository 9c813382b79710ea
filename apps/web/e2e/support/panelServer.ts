import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { hashPassword } from '@warden/api';
import type { Role } from '@warden/core/config/schema';
import type { Side } from '@warden/core/domain/orders';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { BTC_2021_WEEK, recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { type FakeBinance, startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { tempDbPath } from '@warden/testkit/tempDir';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];
export const PASSWORD = 'panel-test-password-1';
export const TOKEN_SECRET = 'panel-e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const SYMBOL = 'BTC/USDT';
/** The fake exchange's frozen "now": mid-way through the recorded BTC week, so every timeframe has history. */
export const MARKET_TIME = BTC_2021_WEEK.start + 4 * 86_400_000;
const STEP_5M = 300_000;

export interface PanelServer {
  readonly url: string;
  readonly binance: FakeBinance;
  /** A second connection to the server's SQLite file (WAL), for arranging data the UI then shows. */
  readonly store: SqliteStore;
  readonly seededFills: number;
  stop(): Promise<void>;
}

interface StartWarden {
  startWarden(options: { env: Record<string, string> }): Promise<{ url: string; stop(): Promise<void> }>;
}

const START_WARDEN = resolve(import.meta.dirname, '../../../cli/src/runtime/startWarden.ts');

/**
 * The real Warden (store, market data, scheduler, API, built panel) booted by the CLI's
 * startWarden from an env map, over a fresh SQLite file, with the fake Binance behind it.
 * Users (one per role) and two fills are written to the database before start, so that login and
 * fill markers do not depend on the market producing a trade during the test.
 */
export async function startPanelServer(options: { auth: boolean }): Promise<PanelServer> {
  if (process.env.WARDEN_E2E_SERVER === 'harness') return (await import('./harnessServer')).startHarnessServer(options);
  if (!existsSync(START_WARDEN)) throw new Error(`browser tests need ${START_WARDEN} (the real runtime)`);
  const binance = await startFakeBinance({ candles: recordedMarket(), marketTime: MARKET_TIME });
  const db = tempDbPath('warden-web-e2e-');

  const seed = openStore(db.path);
  const passwordHash = await hashPassword(PASSWORD);
  if (options.auth) for (const role of ROLES) seed.users.create({ username: role, passwordHash, role, now: Date.now() });
  const seededFills = seedFills(seed);
  seed.close();

  const { startWarden } = (await import(START_WARDEN)) as StartWarden;
  const warden = await startWarden({
    env: {
      DATABASE_PATH: db.path,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      AUTH_ENABLED: String(options.auth),
      ...(options.auth ? { AUTH_TOKEN_SECRET: TOKEN_SECRET } : {}),
      BINANCE_BASE_URL: binance.url,
      TRADING_MODE: 'paper',
      TRADING_SYMBOL: SYMBOL,
      TRADING_TIMEFRAMES: '5m,1h',
      TRADING_ACTIVE_STRATEGY: 'smart_grid_ai',
      TRADING_AUTO_START: 'true',
      TELEGRAM_BOT_TOKEN: '',
      AI_ENABLED: 'false',
    },
  });
  const store = openStore(db.path);
  return {
    url: warden.url.replace(/\/$/, ''),
    binance,
    store,
    seededFills,
    async stop() {
      await warden.stop();
      store.close();
      await binance.close();
      db.cleanup();
    },
  };
}

/** A buy and a later sell an hour apart, shortly before market time: inside the chart's window of 5m candles. */
export function seedFills(store: SqliteStore): number {
  const trades: Array<{ side: Side; time: number; price: string }> = [
    { side: 'BUY', time: MARKET_TIME - 36 * STEP_5M + 20_000, price: '50000.00' },
    { side: 'SELL', time: MARKET_TIME - 12 * STEP_5M + 20_000, price: '50500.00' },
  ];
  store.transaction(() => {
    trades.forEach((t, i) => {
      const clientOrderId = `e2e-seed-${i + 1}`;
      store.orders.insert({ clientOrderId, exchangeOrderId: null, symbol: SYMBOL, side: t.side, type: 'MARKET', status: 'FILLED', quantity: '0.001', price: null, filledQuantity: '0.001', avgFillPrice: t.price, mode: 'paper', cycleId: null, reason: 'seeded by the browser test', tag: null, createdAt: t.time, updatedAt: t.time });
      store.fills.insert({ tradeId: `e2e-${i + 1}`, clientOrderId, symbol: SYMBOL, side: t.side, price: t.price, quantity: '0.001', quoteQuantity: (Number(t.price) * 0.001).toFixed(2), fee: '0.05', feeAsset: 'USDT', liquidity: 'taker', time: t.time });
    });
  });
  return trades.length;
}
