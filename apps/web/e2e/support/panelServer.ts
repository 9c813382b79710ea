import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { hashPassword } from '@warden/api';
import type { Role } from '@warden/core/config/schema';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import type { TapeData } from '@warden/testkit/fakeBinance/marketTape';
import { BTC_2021_WEEK, recordedMarket, recordedUsdtPairs4h } from '@warden/testkit/fakeBinance/recordedMarket';
import { type FakeBinance, startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { tempDbPath } from '@warden/testkit/tempDir';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];
export const PASSWORD = 'panel-test-password-1';
export const TOKEN_SECRET = 'panel-e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const SYMBOL = 'BTC/USDT';
/** The fake exchange's "now" at start: day 6 of the recorded BTC week, so smart_grid_ai's 4h warm-up is complete. */
export const MARKET_TIME = BTC_2021_WEEK.start + 6 * 86_400_000 + 1000;
const STEP_5M = 300_000;

/** The portfolio's pairs: Binance BTC, ETH and SOL against USDT from the recorded 2024 4h file. */
export const PAIRS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'] as const;
const STEP_4H = 4 * 3_600_000;
/** 60 recorded 4h bars in (2024-01-09 08:00 UTC): every pair's strategy is warmed up. */
export const PORTFOLIO_MARKET_TIME = Date.UTC(2023, 11, 30, 8) + 60 * STEP_4H + 1000;

/** What one server trades: BTC/USDT alone (5m and 1h from the recorded BTC week), or the three-pair portfolio (4h). */
interface Market {
  readonly tape: TapeData;
  readonly start: number;
  readonly step: number;
  readonly env: Record<string, string>;
}

const ONE_PAIR: () => Market = () => ({
  tape: recordedMarket(),
  start: MARKET_TIME,
  step: STEP_5M,
  env: {
    TRADING_SYMBOL: SYMBOL,
    TRADING_TIMEFRAMES: '5m,1h',
    TRADING_ACTIVE_STRATEGY: 'smart_grid_ai',
    // With its 1 % minimum step the grid buys once in these 10 hours; with inventory bootstrap it
    // also sells, so the chart has buy and sell markers.
    TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
  },
});

// A grid on BTC and ETH, an EMA crossover on SOL: different strategies per pair, one quote balance.
const THREE_PAIRS: () => Market = () => ({
  tape: recordedUsdtPairs4h(),
  start: PORTFOLIO_MARKET_TIME,
  step: STEP_4H,
  env: {
    TRADING_SYMBOLS: PAIRS.join(','),
    TRADING_TIMEFRAMES: '4h',
    TRADING_ACTIVE_STRATEGY: 'grid',
    TRADING_PAIR_STRATEGIES: 'SOL/USDT=ema_crossover',
    TRADING_PAIR_PARAMS: '{"SOL/USDT":{"fast_period":5,"slow_period":13}}',
    TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
    TRADING_GRID_COOLDOWN_SECONDS: '0',
    // Tokens expire on the bot's clock, which follows the exchange's: a signed-in page must outlive
    // the 4h candles a test moves the market on (`advance`).
    AUTH_TOKEN_TTL_MINUTES: '10080',
  },
});

export interface PanelServer {
  readonly url: string;
  readonly binance: FakeBinance;
  /** The server's own store, for arranging data (e.g. a pending proposal) the UI then shows. */
  readonly store: SqliteStore;
  /** Moves the market `cycles` candles on, each followed by a real trading cycle of every pair (what the panel then hears on its live stream). */
  advance(cycles: number): Promise<void>;
  stop(): Promise<void>;
}

const START_WARDEN = resolve(import.meta.dirname, '../../../cli/src/runtime/startWarden.ts');

/**
 * The real Warden (store, market data, scheduler, API, built panel) booted by the CLI's
 * startWarden from an env map, over a fresh SQLite file, with the fake Binance behind it. Users
 * (one per role) are written to the database before start. The market then moves `cycles` candles
 * of the primary timeframe (5m for one pair, 4h for the three `PAIRS` with `portfolio`), each
 * followed by a real trading cycle of every pair, so the panel shows orders, fills, equity and grid
 * levels the bot produced itself.
 */
export async function startPanelServer(options: { auth: boolean; cycles?: number; portfolio?: boolean }): Promise<PanelServer> {
  if (process.env.WARDEN_E2E_SERVER === 'harness') return (await import('./harnessServer.js')).startHarnessServer(options);
  if (!existsSync(START_WARDEN)) throw new Error(`browser tests need ${START_WARDEN} (the real runtime)`);
  const market = options.portfolio ? THREE_PAIRS() : ONE_PAIR();
  const binance = await startFakeBinance({ candles: market.tape, marketTime: market.start });
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
      ...market.env,
      // The test moves the market and runs each cycle itself; the scheduler's own tick stays out of the way.
      TRADING_CYCLE_SECONDS: '3600',
    },
    logDestination: new Writable({ write: (_chunk, _enc, done) => done() }),
  });
  const advance = async (cycles: number) => {
    for (let i = 0; i < cycles; i++) {
      binance.tape.clock.advance(market.step);
      await warden.runCycle();
    }
  };
  await advance(options.cycles ?? 120);
  return {
    url: warden.url.replace(/\/$/, ''),
    binance,
    store: warden.store,
    advance,
    async stop() {
      await warden.stop('browser tests done');
      await binance.close();
      db.cleanup();
    },
  };
}
