import { Writable } from 'node:stream';
import { BTC_2021_WEEK, type FakeBinance, recordedMarket, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach } from 'vitest';
import { startWarden, type WardenRuntime } from './startWarden.js';

const DAY = 86_400_000;

/** Day 6 of the recorded week, 1 s past a 5m boundary: enough 4h history for every strategy's warm-up. */
export const WARM_MARKET_TIME = BTC_2021_WEEK.start + 6 * DAY + 1000;

/** A log destination that drops everything. */
export const discardLogs = (): Writable => new Writable({ write: (_c, _e, done) => done() });

/** What a runtime test started; `useTeardown` stops and removes it after each test. */
export interface StartedForTest {
  runtime: WardenRuntime | null;
  fake: FakeBinance | null;
  cleanup: () => void;
}

/**
 * Registers vitest's `afterEach` that stops the runtime, closes the fake exchange and removes the
 * temp files set on the returned holder (call at a test file's top level or inside a testbed).
 */
export function useTeardown(): StartedForTest {
  const started: StartedForTest = { runtime: null, fake: null, cleanup: () => {} };
  afterEach(async () => {
    await started.runtime?.stop('test end');
    await started.fake?.close();
    started.cleanup();
    started.runtime = null;
    started.fake = null;
    started.cleanup = () => {};
  });
  return started;
}

export interface BootOptions {
  /** Settings on top of the defaults (fake exchange URL, temp database, random port, hourly cycle, ema_crossover). */
  readonly env?: Record<string, string>;
  /** Where pino writes (JSON lines); default: discarded. */
  readonly logDestination?: Writable;
  /** The fake exchange's market time (ms since epoch); default {@link WARM_MARKET_TIME}. */
  readonly marketTime?: number;
  /** Runs after the temp database path is chosen and before Warden opens it (e.g. to seed users). */
  readonly beforeStart?: (dbPath: string) => Promise<void> | void;
}

export interface BootedRuntime {
  readonly rt: WardenRuntime;
  readonly fake: FakeBinance;
  readonly dbPath: string;
}

/**
 * The in-process runtime tests' shared set-up: `boot` starts the fake Binance on the recorded BTC
 * week and `startWarden` against it with a temp SQLite database; `restart` stops that runtime and
 * starts another on the same exchange and database. Everything is stopped and removed after each
 * test (registered with vitest's `afterEach` by this call, so call it at a test file's top level).
 */
export function useRuntimeTestbed(): {
  boot: (options?: BootOptions) => Promise<BootedRuntime>;
  restart: (env?: Record<string, string>, logDestination?: Writable) => Promise<WardenRuntime>;
} {
  const started = useTeardown();
  let dbPath = '';
  let options: BootOptions = {};

  const start = async (env: Record<string, string>, logDestination: Writable | undefined): Promise<WardenRuntime> => {
    const fake = started.fake;
    if (fake === null) throw new Error('useRuntimeTestbed: boot() first');
    const runtime = await startWarden({
      env: {
        BINANCE_BASE_URL: fake.url,
        DATABASE_PATH: dbPath,
        PORT: '0',
        TRADING_CYCLE_SECONDS: '3600',
        TRADING_ACTIVE_STRATEGY: 'ema_crossover',
        ...env,
      },
      logDestination: logDestination ?? discardLogs(),
    });
    started.runtime = runtime;
    return runtime;
  };

  return {
    async boot(opts = {}) {
      options = opts;
      const fake = await startFakeBinance({ candles: recordedMarket(), marketTime: opts.marketTime ?? WARM_MARKET_TIME });
      started.fake = fake;
      const db = tempDbPath();
      started.cleanup = db.cleanup;
      dbPath = db.path;
      await opts.beforeStart?.(dbPath);
      const rt = await start(opts.env ?? {}, opts.logDestination);
      return { rt, fake, dbPath };
    },
    async restart(env = options.env ?? {}, logDestination = options.logDestination) {
      await started.runtime?.stop('restart');
      started.runtime = null;
      return start(env, logDestination);
    },
  };
}

/** 4h in ms. */
export const H4 = 4 * 3_600_000;

/** 60 bars into the recorded 2024 4h USDT pairs, 1 s past a close: enough history for the grids' warm-up. */
export const PAIRS_4H_MARKET_TIME = Date.UTC(2023, 11, 30, 8) + 60 * H4 + 1000;

/**
 * Settings for paper grids on the recorded 2024 4h pairs from one account: `symbols` as
 * TRADING_SYMBOLS (e.g. `ETH/USDT,SOL/USDT`), inventory bootstrap on (so the pairs hold base
 * after their first cycle), no cooldown; `extra` on top.
 */
export function paperGridEnv(symbols: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TRADING_TIMEFRAMES: '4h',
    TRADING_SYMBOLS: symbols,
    TRADING_ACTIVE_STRATEGY: 'grid',
    TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
    TRADING_GRID_COOLDOWN_SECONDS: '0',
    ...extra,
  };
}

/** Moves the exchange `n` 4h candles on, each followed by a cycle of every pair (as the scheduler would). */
export async function next4hCycles(rt: WardenRuntime, fake: FakeBinance, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    fake.tape.clock.advance(H4);
    await rt.runCycle();
  }
}
