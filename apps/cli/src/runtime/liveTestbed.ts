import type { Writable } from 'node:stream';
import { LIVE_CONFIRM_PHRASE } from '@warden/core/config/schema';
import type { ManualLiveOrderResult } from '@warden/core/live/manualLiveOrder';
import { type FakeBinance, recordedUsdtPairs4h, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { createSignedExchange, type SignedExchange } from '@warden/testkit/fakeBinance/orderRoutes';
import { tempDbPath } from '@warden/testkit/tempDir';
import { discardLogs, useTeardown } from './runtimeTestbed.js';
import { startWarden, type WardenRuntime } from './startWarden.js';

const KEY = 'CANARY-PORTFOLIO-KEY-31cc';
const SECRET = 'CANARY-PORTFOLIO-SECRET-42dd';
const H4 = 4 * 3_600_000;
/** 60 bars into the recorded 2024 4h pairs, 1 s past a close: enough history for ema_crossover. */
const MARKET_TIME = Date.UTC(2023, 11, 30, 8) + 60 * H4 + 1000;

/** An admin as the control service sees one (tests call it directly). */
export const ADMIN = { id: 'user:admin', role: 'admin' } as const;

export interface LiveBed {
  readonly fake: FakeBinance;
  readonly exchange: SignedExchange;
  readonly dbPath: string;
  /** Starts Warden live on the account (again after `stop`, on the same database); `env` on top of the bed's. */
  start(env?: Record<string, string>, logDestination?: Writable): Promise<WardenRuntime>;
  stop(): Promise<void>;
}

/**
 * Live trading of several pairs from one account: the fake Binance on the recorded 2024 4h USDT
 * pairs with its signed endpoints, and a temp live database. `bed(balances, env)` sets both up
 * (nothing started yet); Warden runs live on BTC/USDT and ETH/USDT with ema_crossover unless `env`
 * says otherwise. Everything is stopped and removed after each test (call at a file's top level).
 */
export function useLiveTestbed(): { bed: (balances: Record<string, string>, env?: Record<string, string>) => Promise<LiveBed> } {
  const started = useTeardown();
  return {
    async bed(balances, baseEnv = {}) {
      const server = await startFakeBinance({ candles: recordedUsdtPairs4h(), marketTime: MARKET_TIME });
      started.fake = server;
      const exchange = createSignedExchange({ apiKey: KEY, secret: SECRET, balances });
      server.addRoutes(exchange.routes);
      const db = tempDbPath();
      started.cleanup = db.cleanup;
      const dbPath = db.path.replace('warden.db', 'warden-live.db');
      return {
        fake: server,
        exchange,
        dbPath,
        start: async (env = {}, logDestination = discardLogs()) => {
          const runtime = await startWarden({
            env: {
              TRADING_MODE: 'live',
              BINANCE_API_KEY: KEY,
              BINANCE_API_SECRET: SECRET,
              LIVE_TRADING_CONFIRM: LIVE_CONFIRM_PHRASE,
              BINANCE_BASE_URL: server.url,
              DATABASE_PATH: dbPath,
              PORT: '0',
              TRADING_CYCLE_SECONDS: '3600',
              TRADING_TIMEFRAMES: '4h',
              TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT',
              TRADING_ACTIVE_STRATEGY: 'ema_crossover',
              RISK_MAX_ORDER_NOTIONAL: '0',
              LOG_LEVEL: 'silent',
              ...baseEnv,
              ...env,
            },
            logDestination,
          });
          started.runtime = runtime;
          return runtime;
        },
        stop: async () => {
          await started.runtime?.stop('restart');
          started.runtime = null;
        },
      };
    },
  };
}

/** `POST /api/live/orders` with `body` (a reason added), as the local admin. */
export async function postLiveOrder(
  rt: WardenRuntime,
  body: Record<string, string>,
): Promise<{ status: number; json: ManualLiveOrderResult }> {
  const res = await fetch(`${rt.url}/api/live/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'test', ...body }),
  });
  return { status: res.status, json: (await res.json()) as ManualLiveOrderResult };
}

/** A market buy for `quoteAmount` of the quote on `symbol`. */
export const marketBuy = (symbol: string, quoteAmount: string) => ({ symbol, side: 'BUY', type: 'MARKET', quoteAmount });
