import { Writable } from 'node:stream';
import { LIVE_CONFIRM_PHRASE } from '@warden/core/config/schema';
import { tempDbPath } from '@warden/testkit/tempDir';
import { startUnreachableServer, type UnreachableServer } from '@warden/testkit/unreachableServer';
import { afterEach, describe, expect, it } from 'vitest';
import { startWarden, type WardenRuntime } from './startWarden.js';

let runtime: WardenRuntime | null = null;
let exchange: UnreachableServer | null = null;
let cleanup: () => void = () => {};
afterEach(async () => {
  await runtime?.stop('test end');
  await exchange?.close();
  runtime = null;
  exchange = null;
  cleanup();
});

async function boot(env: Record<string, string>): Promise<WardenRuntime> {
  const db = tempDbPath('warden-unreachable-');
  cleanup = db.cleanup;
  // Down for the whole test: every connection is reset at once (a port merely found free could be taken meanwhile).
  exchange = await startUnreachableServer();
  runtime = await startWarden({
    env: {
      BINANCE_BASE_URL: exchange.url,
      DATABASE_PATH: db.path.replace(/\.db$/, '-live.db'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      TRADING_AUTO_START: 'false',
      TRADING_REQUIRE_DATA_READY: 'false',
      ...env,
    },
    logDestination: new Writable({ write: (_c, _e, done) => done() }),
  });
  return runtime;
}

// startWarden first tries to reach the exchange (with the request governor's retries) before it returns.
describe('while the exchange is unreachable', { timeout: 180_000 }, () => {
  it('POST /api/scheduler/start answers 503 MARKET_NOT_CONNECTED with Retry-After, audited, not 400', async () => {
    const rt = await boot({});
    const res = await fetch(`${rt.url}/api/scheduler/start`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('MARKET_NOT_CONNECTED');
    expect(rt.control.status().schedulerRunning).toBe(false);
    expect(rt.store.audit.list({ type: 'scheduler.start_refused' }, { limit: 1 }).items[0]).toMatchObject({
      actor: 'user:local',
      outcome: 'refused',
      inputs: { code: 'MARKET_NOT_CONNECTED' },
    });
  });

  it('POST /api/live/orders answers 503 with Retry-After, not 500 INTERNAL', async () => {
    const rt = await boot({
      TRADING_MODE: 'live',
      BINANCE_API_KEY: 'k'.repeat(64),
      BINANCE_API_SECRET: 's'.repeat(64),
      LIVE_TRADING_CONFIRM: LIVE_CONFIRM_PHRASE,
    });
    const res = await fetch(`${rt.url}/api/live/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ side: 'BUY', type: 'MARKET', quantity: '0.001', reason: 'before the exchange is up' }),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('MARKET_NOT_CONNECTED');
  });
});
