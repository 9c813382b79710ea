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
  let runtime: WardenRuntime | null = null;
  let fake: FakeBinance | null = null;
  let dbPath = '';
  let options: BootOptions = {};
  let cleanup: () => void = () => {};

  afterEach(async () => {
    await runtime?.stop('test end');
    await fake?.close();
    cleanup();
    runtime = null;
    fake = null;
    cleanup = () => {};
  });

  const start = async (env: Record<string, string>, logDestination: Writable | undefined): Promise<WardenRuntime> => {
    if (fake === null) throw new Error('useRuntimeTestbed: boot() first');
    runtime = await startWarden({
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
    return runtime;
  };

  return {
    async boot(opts = {}) {
      options = opts;
      fake = await startFakeBinance({ candles: recordedMarket(), marketTime: opts.marketTime ?? WARM_MARKET_TIME });
      const db = tempDbPath();
      cleanup = db.cleanup;
      dbPath = db.path;
      await opts.beforeStart?.(dbPath);
      const rt = await start(opts.env ?? {}, opts.logDestination);
      return { rt, fake, dbPath };
    },
    async restart(env = options.env ?? {}, logDestination = options.logDestination) {
      await runtime?.stop('restart');
      runtime = null;
      return start(env, logDestination);
    },
  };
}
