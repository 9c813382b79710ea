import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { ControlServiceImpl } from '@warden/core/app/controlServiceImpl';
import { LiveUpdates } from '@warden/core/app/liveUpdates';
import { CandleCache } from '@warden/core/data/candleCache';
import type { Candle } from '@warden/core/domain/market';
import type { Broker } from '@warden/core/ports/broker';
import { ManualClock } from '@warden/core/ports/clock';
import type { CandleSource } from '@warden/core/ports/marketData';
import { silentNotifier } from '@warden/core/ports/notifier';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, START, startApi } from '../../testing/apiHarness.js';

const FIVE_MIN = 300_000;
let h: ApiHarness | null = null;
let own: SqliteStore | null = null;
let cleanup = () => {};
afterEach(async () => {
  await h?.close();
  own?.close();
  cleanup();
  h = own = null;
});

const noExchange: CandleSource = {
  fetchCandles: () => Promise.reject(new Error('not used')),
  fetchPrice: () => Promise.reject(new Error('not used')),
  fetchFilters: () => Promise.reject(new Error('not used')),
  fetchServerTime: () => Promise.reject(new Error('not used')),
};

const candle = (openTime: number): Candle => ({ openTime, open: 100, high: 101, low: 99, close: 100, volume: 1 });

/**
 * The API over a control service wired as `warden start` wires it: readiness from the real candle
 * cache over SQLite, the strategy name from the config table. The harness's own connection to the
 * same file (`h.store`) plays another `warden` process (`warden data download`, a second instance).
 */
async function boot(): Promise<{ h: ApiHarness; clock: ManualClock }> {
  const db = tempDbPath('warden-status-');
  cleanup = db.cleanup;
  own = openStore(db.path);
  const store = own;
  const clock = new ManualClock(START + 60_000);
  const cache = new CandleCache({ source: noExchange, candles: store.candles, clock });
  const broker = { cancelAll: async () => ({ canceled: [], failed: [] }) } as unknown as Broker;
  const control = new ControlServiceImpl(
    store,
    clock,
    broker,
    {
      scheduler: { isRunning: false, start: () => {}, stop: async () => {} },
      readiness: () => cache.readiness('BTC/USDT', { '5m': 3 }),
      preflight: async () => [],
      cycleInfo: () => ({ lastCycleAt: null, lastCycleId: null, cycleCount: 0, lastError: null }),
      describe: () => ({
        mode: 'paper',
        symbol: 'BTC/USDT',
        strategy: store.config.get<string>(CONFIG_KEYS.activeStrategy) ?? 'none',
        timeframes: ['5m'],
        version: 'test',
        startedAt: START,
        requireDataReady: true,
      }),
    },
    new LiveUpdates(),
    silentNotifier,
  );
  h = await startApi({ auth: false, databasePath: db.path, deps: { control } });
  return { h, clock };
}

describe('GET /api/system/status is cached, and every change shows on the next read', () => {
  it('shows candles, the strategy and the state written by this process or another one at once', async () => {
    const { h } = await boot();
    const status = async () => (await h.request('GET', '/api/system/status')).body;
    expect(await status()).toMatchObject({ state: 'RUNNING', strategy: 'none', dataReady: false });
    expect(await status()).toMatchObject({ dataReady: false }); // served from the cache

    // Another process fills the candle cache: the three bars before the one forming at START + 1 min.
    h.store.candles.upsertMany('BTC/USDT', '5m', [candle(START - 3 * FIVE_MIN), candle(START - 2 * FIVE_MIN), candle(START - FIVE_MIN)]);
    expect((await status()).dataReadiness).toEqual([{ timeframe: '5m', required: 3, available: 3, ready: true }]);

    // An approval in another process switches the strategy.
    h.store.config.set(CONFIG_KEYS.activeStrategy, 'grid', 'user:admin', START);
    expect(await status()).toMatchObject({ strategy: 'grid', dataReady: true });

    // This process pauses through the API.
    expect((await h.request('POST', '/api/system/pause', { body: { reason: 'test' } })).status).toBe(200);
    expect(await status()).toMatchObject({ state: 'PAUSED' });
  });

  it('follows the clock: a bar that closes joins the readiness window without any write', async () => {
    const { h, clock } = await boot();
    const status = async () => (await h.request('GET', '/api/system/status')).body;
    // Written by a process whose clock runs ahead: the newest bar is still forming on this one's.
    clock.set(START - FIVE_MIN + 1);
    h.store.candles.upsertMany('BTC/USDT', '5m', [candle(START - 3 * FIVE_MIN), candle(START - 2 * FIVE_MIN), candle(START - FIVE_MIN)]);
    expect(await status()).toMatchObject({ dataReady: false, serverTime: START - FIVE_MIN + 1 });
    expect((await status()).dataReadiness[0]).toMatchObject({ available: 2 });
    clock.set(START + 1); // that bar closes; nothing is written
    expect(await status()).toMatchObject({ dataReady: true, serverTime: START + 1 });
    expect((await status()).dataReadiness[0]).toMatchObject({ available: 3 });
  });
});
