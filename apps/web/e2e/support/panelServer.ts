import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { hashPassword } from '@warden/api';
import type { Role } from '@warden/core/config/schema';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { BTC_2021_WEEK, recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { type FakeBinance, startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { tempDbPath } from '@warden/testkit/tempDir';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];
export const PASSWORD = 'panel-test-password-1';
export const TOKEN_SECRET = 'panel-e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const SYMBOL = 'BTC/USDT';
/** The fake exchange's "now" at start: day 6 of the recorded BTC week, so smart_grid_ai's 4h warm-up is complete. */
export const MARKET_TIME = BTC_2021_WEEK.start + 6 * 86_400_000 + 1000;
const STEP_5M = 300_000;

export interface PanelServer {
  readonly url: string;
  readonly binance: FakeBinance;
  /** The server's own store, for arranging data (e.g. a pending proposal) the UI then shows. */
  readonly store: SqliteStore;
  stop(): Promise<void>;
}

const START_WARDEN = resolve(import.meta.dirname, '../../../cli/src/runtime/startWarden.ts');

/**
 * The real Warden (store, market data, scheduler, API, built panel) booted by the CLI's
 * startWarden from an env map, over a fresh SQLite file, with the fake Binance behind it. Users
 * (one per role) are written to the database before start. The market then moves `cycles` 5m
 * candles, each followed by a real trading cycle, so the panel shows orders, fills, equity and
 * grid levels the bot produced itself.
 */
export async function startPanelServer(options: { auth: boolean; cycles?: number }): Promise<PanelServer> {
  if (process.env.WARDEN_E2E_SERVER === 'harness') return (await import('./harnessServer.js')).startHarnessServer(options);
  if (!existsSync(START_WARDEN)) throw new Error(`browser tests need ${START_WARDEN} (the real runtime)`);
  const binance = await startFakeBinance({ candles: recordedMarket(), marketTime: MARKET_TIME });
  const db = tempDbPath('warden-web-e2e-');

  if (options.auth) {
    const seed = openStore(db.path);
    const passwordHash = await hashPassword(PASSWORD);
    for (const role of ROLES) seed.users.create({ username: role, passwordHash, role, now: Date.now() });
    seed.close();
  }

  const { startWarden } = await import('@warden/cli/runtime/startWarden');
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
      // With its 1 % minimum step the grid buys once in these 10 hours; with inventory bootstrap it
      // also sells, so the chart has buy and sell markers.
      TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
      // The test moves the market and runs each cycle itself; the scheduler's own tick stays out of the way.
      TRADING_CYCLE_SECONDS: '3600',
    },
    logDestination: new Writable({ write: (_chunk, _enc, done) => done() }),
  });
  for (let i = 0; i < (options.cycles ?? 120); i++) {
    binance.tape.clock.advance(STEP_5M);
    await warden.runCycle();
  }
  return {
    url: warden.url.replace(/\/$/, ''),
    binance,
    store: warden.store,
    async stop() {
      await warden.stop('browser tests done');
      await binance.close();
      db.cleanup();
    },
  };
}
