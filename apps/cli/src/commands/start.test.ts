import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIVE_CONFIRM_PHRASE } from '@warden/core/config/schema';
import { dec } from '@warden/core/money/decimal';
import { listIndexes, listTables } from '@warden/storage/database';
import { Database } from '@warden/storage/sqliteDriver';
import { BTC_2021_WEEK, type FakeBinance, recordedMarket, recordedUsdtPairs4h, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { createSignedExchange } from '@warden/testkit/fakeBinance/orderRoutes';
import { repoRoot } from '@warden/testkit/fixtures';
import { makeTempDir } from '@warden/testkit/tempDir';
import { startUnreachableServer, type UnreachableServer } from '@warden/testkit/unreachableServer';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(repoRoot, 'apps', 'cli', 'bin', 'warden.js');
let child: ChildProcess | null = null;
let fake: FakeBinance | null = null;
let unreachable: UnreachableServer | null = null;
let cleanup: () => void = () => {};

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await fake?.close();
  await unreachable?.close();
  cleanup();
  child = null;
  fake = null;
  unreachable = null;
});

/** `select count(*) as n …` on a database another process is writing; 0 while its tables do not exist yet. */
function countRows(dbPath: string, sql: string): number {
  if (!existsSync(dbPath)) return 0;
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/**
 * Polls `check` every 100 ms until it holds; fails naming `what` after `deadlineMs`. The deadline
 * only turns a hang into a clear failure: what the tests wait for is the bot's own progress (an
 * order, a number of decided cycles), never an amount of time.
 */
async function until(what: string, check: () => boolean, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** How many times `text` occurs in `output`. */
const occurrences = (output: string, text: string) => output.split(text).length - 1;

function run(
  env: Record<string, string>,
  cwd: string,
): { proc: ChildProcess; output: () => string; waitFor: (text: string) => Promise<void>; exited: Promise<number | null> } {
  let out = '';
  const proc = spawn(process.execPath, [BIN, 'start'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const listeners: Array<() => void> = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.includes(text)) resolve();
      };
      listeners.push(check);
      check();
      void exited.then(() => (out.includes(text) ? resolve() : reject(new Error(`exited before "${text}":\n${out}`))));
    });
  return { proc, output: () => out, waitFor, exited };
}

describe('warden start as a process', () => {
  it('exits non-zero with a message naming the variable when the configuration is invalid', async () => {
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    const p = run({ AUTH_ENABLED: 'maybe' }, tmp.dir);
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain('AUTH_ENABLED: expected true or false (got "maybe")');
    expect(existsSync(join(tmp.dir, 'data'))).toBe(false);
  });

  it('creates ./data/warden.db with every table and index, trades against the exchange, and stops cleanly on SIGINT', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * 86_400_000 });
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    const p = run({ BINANCE_BASE_URL: fake.url, PORT: '0', TRADING_CYCLE_SECONDS: '1' }, tmp.dir);
    await p.waitFor('scheduler started');
    await p.waitFor('cycle decided');
    p.proc.kill('SIGINT');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('stopped cleanly');
    const db = new Database(join(tmp.dir, 'data', 'warden.db'), { readonly: true });
    expect(listTables(db)).toEqual(
      expect.arrayContaining([
        'candles_cache',
        'orders',
        'fills',
        'positions',
        'equity_snapshots',
        'metrics_snapshots',
        'approvals',
        'events_log',
        'config',
        'users',
      ]),
    );
    expect(listIndexes(db)).toEqual(expect.arrayContaining(['orders_client_order_id', 'events_log_type_time', 'approvals_status_expires']));
    expect((db.prepare("select count(*) as n from events_log where type = 'system.stopped'").get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('honours DATABASE_PATH, and serves the API while the exchange is unreachable instead of dying', async () => {
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    // Down for the whole test (a port merely found free could be taken by another server meanwhile).
    unreachable = await startUnreachableServer();
    const p = run({ BINANCE_BASE_URL: unreachable.url, PORT: '0', DATABASE_PATH: join(tmp.dir, 'elsewhere.db') }, tmp.dir);
    await p.waitFor('exchange unreachable at');
    await p.waitFor('listening on http://');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output())?.[1];
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    const status = (await (await fetch(`${url}/api/system/status`)).json()) as { schedulerRunning: boolean; dataReady: boolean };
    expect(status).toMatchObject({ schedulerRunning: false, dataReady: false });
    const start = await fetch(`${url}/api/scheduler/start`, { method: 'POST' });
    expect(start.status).toBe(409);
    p.proc.kill('SIGINT');
    expect(await p.exited).toBe(0);
    expect(existsSync(join(tmp.dir, 'elsewhere.db'))).toBe(true);
    expect(existsSync(join(tmp.dir, 'data'))).toBe(false);
  });

  it('trades smart_grid_ai in paper mode, and a SIGKILL mid-run followed by a restart neither repeats nor loses an order', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * 86_400_000 });
    fake.tape.clock.setSpeed(300); // a 5m candle every second
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    const dbPath = join(tmp.dir, 'paper.db');
    const env = {
      BINANCE_BASE_URL: fake.url,
      PORT: '0',
      TRADING_CYCLE_SECONDS: '1',
      DATABASE_PATH: dbPath,
      TRADING_ACTIVE_STRATEGY: 'smart_grid_ai',
      TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
      TRADING_GRID_COOLDOWN_SECONDS: '0',
    };
    const count = (sql: string) => countRows(dbPath, sql);
    const first = run(env, tmp.dir);
    await first.waitFor('scheduler started');
    // Killed mid-run once it has traded: after its first order and three more decided cycles.
    await until('the first order', () => count('select count(*) as n from orders') > 0);
    const decided = occurrences(first.output(), 'cycle decided');
    await until('three more decided cycles', () => occurrences(first.output(), 'cycle decided') >= decided + 3);
    first.proc.kill('SIGKILL');
    await first.exited;
    const ordersBefore = count('select count(*) as n from orders');
    expect(ordersBefore).toBeGreaterThan(0);

    const second = run(env, tmp.dir);
    await second.waitFor('paper account restored from the database');
    await second.waitFor('scheduler started');
    // The restored account trades on: three decided cycles, each of which could repeat an order it should not.
    await until('three decided cycles after the restart', () => occurrences(second.output(), 'cycle decided') >= 3);
    second.proc.kill('SIGINT');
    expect(await second.exited).toBe(0);

    const db = new Database(dbPath, { readonly: true });
    const orders = db.prepare('select client_order_id as id, cycle_id as cycle, status from orders').all() as Array<{
      id: string;
      cycle: string;
      status: string;
    }>;
    // One order per decided candle at most: a re-run of a candle found its order instead of sending another.
    expect(new Set(orders.map((o) => o.cycle)).size).toBe(orders.length);
    expect(orders.every((o) => o.id.startsWith('wd') && o.status !== 'PENDING_SUBMIT')).toBe(true);
    expect(
      orders.some(
        (o) =>
          o.cycle &&
          (
            db
              .prepare(
                "select count(*) as n from events_log where type = 'strategy.signal' and correlation_id = ? and inputs_json like '%grid%'",
              )
              .get(o.cycle) as { n: number }
          ).n > 0,
      ),
    ).toBe(true);
    // The paper account equals what its fills add up to: nothing applied twice, nothing lost.
    const fills = db.prepare('select side, quantity, quote_quantity as quote, fee, fee_asset as feeAsset from fills').all() as Array<{
      side: string;
      quantity: string;
      quote: string;
      fee: string;
      feeAsset: string;
    }>;
    let base = dec(0);
    let quote = dec(10_000);
    for (const f of fills) {
      const feeBase = f.feeAsset === 'BTC' ? dec(f.fee) : dec(0);
      const feeQuote = f.feeAsset === 'USDT' ? dec(f.fee) : dec(0);
      const sign = f.side === 'BUY' ? 1 : -1;
      base = base.plus(dec(f.quantity).mul(sign)).minus(feeBase);
      quote = quote.minus(dec(f.quote).mul(sign)).minus(feeQuote);
    }
    // The paper account (one quote balance shared by the pairs, one base balance per pair).
    const account = JSON.parse((db.prepare("select value_json as v from config where key = 'paper.account'").get() as { v: string }).v) as {
      version: number;
      quote: { free: string; locked: string };
      pairs: Array<{ symbol: string; base: { free: string; locked: string } }>;
    };
    expect(account.version).toBe(2);
    const pair = account.pairs.find((p) => p.symbol === 'BTC/USDT') as (typeof account.pairs)[number];
    expect(dec(pair.base.free).plus(pair.base.locked).toFixed()).toBe(base.toFixed());
    expect(dec(account.quote.free).plus(account.quote.locked).toFixed()).toBe(quote.toFixed());
    expect((db.prepare("select count(*) as n from events_log where type = 'system.started'").get() as { n: number }).n).toBe(2);
    db.close();
  }, 240_000);

  it('live mode: a SIGKILL mid-run and a restart leave exactly one exchange order per intent, and the database agrees with the exchange', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * 86_400_000 });
    // Signed requests must stay inside recvWindow, so the market moves in steps (a 5m candle a second), not at speed.
    const f = fake;
    const ticker = setInterval(() => f.tape.clock.advance(300_000), 1000);
    const exchange = createSignedExchange({ apiKey: 'live-key-test', secret: 'live-secret-test', balances: { USDT: '10000', BTC: '0' } });
    fake.addRoutes(exchange.routes);
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    const dbPath = join(tmp.dir, 'warden-live.db');
    const env = {
      TRADING_MODE: 'live',
      BINANCE_API_KEY: 'live-key-test',
      BINANCE_API_SECRET: 'live-secret-test',
      LIVE_TRADING_CONFIRM: LIVE_CONFIRM_PHRASE,
      BINANCE_BASE_URL: fake.url,
      PORT: '0',
      TRADING_CYCLE_SECONDS: '1',
      DATABASE_PATH: dbPath,
      TRADING_ACTIVE_STRATEGY: 'smart_grid_ai',
      TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
      TRADING_GRID_COOLDOWN_SECONDS: '0',
    };
    const orderCount = () => countRows(dbPath, 'select count(*) as n from orders');
    const first = run(env, tmp.dir);
    await first.waitFor('scheduler started');
    // Killed mid-run once it has traded: after its first order and three more decided cycles.
    await until('the first order', () => orderCount() > 0);
    const decided = occurrences(first.output(), 'cycle decided');
    await until('three more decided cycles', () => occurrences(first.output(), 'cycle decided') >= decided + 3);
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(orderCount()).toBeGreaterThan(0);

    clearInterval(ticker);
    // The restart comes a minute later: an intent the exchange never received is now provably dead
    // (older than recvWindow), so reconciliation can settle it instead of waiting.
    f.tape.clock.advance(60_000);
    const second = run(env, tmp.dir);
    await second.waitFor('scheduler started');
    await second.waitFor('cycle');
    second.proc.kill('SIGINT');
    expect(await second.exited).toBe(0);

    const db = new Database(dbPath, { readonly: true });
    const orders = db.prepare('select client_order_id as id, status, filled_quantity as filled from orders').all() as Array<{
      id: string;
      status: string;
      filled: string;
    }>;
    for (const o of orders) {
      // Never two exchange orders for one intent, and no intent left unresolved after reconciliation.
      expect(exchange.ordersWithClientId(o.id)).toBeLessThanOrEqual(1);
      expect(['PENDING_SUBMIT', 'UNKNOWN']).not.toContain(o.status);
      const onExchange = exchange.engine.byClientId('BTCUSDT', o.id);
      if (onExchange) expect(dec(o.filled).eq(onExchange.executedQty)).toBe(true);
      else expect(o.status).toBe('REJECTED');
    }
    // Every order the exchange has for the symbol is known to the database.
    const known = new Set(orders.map((o) => o.id));
    expect(exchange.engine.orders.filter((o) => !known.has(o.clientOrderId))).toEqual([]);
    const dbFills = (db.prepare('select count(*) as n from fills').get() as { n: number }).n;
    expect(dbFills).toBe(exchange.engine.trades.length);
    db.close();
  }, 240_000);

  it('trades three pairs from one account as a process (TRADING_SYMBOLS), and stops cleanly', async () => {
    // The recorded 2024 4h pairs, a 4h candle about every second of real time.
    fake = await startFakeBinance({ candles: recordedUsdtPairs4h(), marketTime: Date.UTC(2024, 0, 10) });
    fake.tape.clock.setSpeed(14_400);
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    const dbPath = join(tmp.dir, 'paper.db');
    const p = run(
      {
        BINANCE_BASE_URL: fake.url,
        PORT: '0',
        TRADING_CYCLE_SECONDS: '1',
        DATABASE_PATH: dbPath,
        TRADING_TIMEFRAMES: '4h',
        TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT,SOL/USDT',
        TRADING_ACTIVE_STRATEGY: 'grid',
        TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
        TRADING_GRID_COOLDOWN_SECONDS: '0',
      },
      tmp.dir,
    );
    await p.waitFor('scheduler started');
    const pairsWithFills = () => countRows(dbPath, 'select count(distinct symbol) as n from fills');
    await until('fills on all three pairs', () => pairsWithFills() >= 3, 180_000);
    expect(pairsWithFills()).toBe(3);
    p.proc.kill('SIGINT');
    expect(await p.exited).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    const account = JSON.parse((db.prepare("select value_json as v from config where key = 'paper.account'").get() as { v: string }).v) as {
      version: number;
      quote: { free: string };
      pairs: Array<{ symbol: string }>;
    };
    expect(account.version).toBe(2);
    expect(account.pairs.map((x) => x.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(Number(account.quote.free)).toBeGreaterThanOrEqual(0);
    db.close();
  }, 240_000);
});
