import { Writable } from 'node:stream';
import { BTC_2021_WEEK, type FakeBinance } from '@warden/testkit/fakeBinance/index';
import { afterEach, describe, expect, it } from 'vitest';
import { useRuntimeTestbed } from './runtimeTestbed.js';
import type { WardenRuntime } from './startWarden.js';

const FIVE_MIN = 300_000;
const DAY = 86_400_000;
const logLines: string[] = [];
const testbed = useRuntimeTestbed();
let fake: FakeBinance | null = null;

afterEach(() => {
  logLines.length = 0;
  fake = null;
});

const sink = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

async function boot(env: Record<string, string> = {}): Promise<WardenRuntime> {
  const booted = await testbed.boot({ env: { LOG_LEVEL: 'info', ...env }, logDestination: sink });
  fake = booted.fake;
  return booted.rt;
}

/** Moves the exchange one 5m candle forward and runs a cycle, as the scheduler would after each close. */
async function nextCandle(rt: WardenRuntime, f: FakeBinance): Promise<void> {
  f.tape.clock.advance(FIVE_MIN);
  await rt.runCycle();
}

describe('warden start against the fake Binance server', () => {
  it('backfills, reports data ready, starts the scheduler and serves the API', async () => {
    const rt = await boot();
    const status = rt.control.status();
    expect(status.dataReady).toBe(true);
    expect(status.schedulerRunning).toBe(true);
    expect(status.dataReadiness.map((r) => r.timeframe).sort()).toEqual(['4h', '5m']);
    const health = await fetch(`${rt.url}/api/health`);
    expect(health.status).toBe(200);
    const apiStatus = (await (await fetch(`${rt.url}/api/system/status`)).json()) as { state: string; dataReady: boolean; mode: string };
    expect(apiStatus).toMatchObject({ state: 'RUNNING', dataReady: true, mode: 'paper' });
    expect(rt.store.audit.list({ type: 'scheduler.started' }, { limit: 5 }).items).toHaveLength(1);
  });

  it('runs cycles that fill the database with orders, fills, positions, equity and metrics snapshots and events', async () => {
    const rt = await boot();
    for (let i = 0; i < 150; i++) await nextCandle(rt, fake as FakeBinance);
    const s = rt.store;
    expect(s.orders.list({}, { limit: 500 }).items.length).toBeGreaterThan(2);
    expect(s.fills.all('BTC/USDT').length).toBeGreaterThan(2);
    expect(s.positions.get('BTC/USDT')).not.toBeNull();
    expect(s.equity.list({}, { limit: 500 }).items.length).toBeGreaterThanOrEqual(150);
    expect(s.metrics.latest()?.tradeCount).toBeGreaterThanOrEqual(0);
    expect(s.audit.list({ type: 'strategy.signal' }, { limit: 500 }).items.length).toBeGreaterThanOrEqual(150);
    expect(rt.runner.lastError).toBeNull();
    expect(s.audit.verify().ok).toBe(true);
  });

  it('keeps running through exchange faults and loses nothing: no failed cycle leaves a gap or a duplicate', async () => {
    const rt = await boot();
    const f = fake as FakeBinance;
    const faults = [
      { kind: 'serverError', path: '/api/v3/klines', times: 2 },
      { kind: 'malformedJson', path: '/api/v3/klines' },
      { kind: 'malformedJson', path: '/api/v3/ticker/price' },
      { kind: 'outOfOrder', path: '/api/v3/klines' },
      { kind: 'rateLimited', path: '/api/v3/ticker/price', retryAfterSeconds: 1 },
      { kind: 'serverError', path: '/api/v3/time', times: 3 },
    ] as const;
    for (const fault of faults) {
      f.inject(fault);
      await nextCandle(rt, f);
      await nextCandle(rt, f);
    }
    for (let i = 0; i < 20; i++) await nextCandle(rt, f);
    expect(rt.runner.lastError).toBeNull();
    // Every 5m candle from the warm-up to now is cached exactly once.
    const rows = rt.store.candles.range('BTC/USDT', '5m', 0, Number.MAX_SAFE_INTEGER);
    const times = rows.map((c) => c.openTime);
    expect(new Set(times).size).toBe(times.length);
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBe(FIVE_MIN);
    // Every candle got its decision even though some cycles failed: a later cycle decides on the newest close.
    const decided = rt.store.audit.list({ type: 'strategy.signal' }, { limit: 500 }).items.length;
    expect(decided).toBeGreaterThanOrEqual(20);
    expect(f.requests.some((r) => r.beforeRetryAfter)).toBe(false);
    expect(rt.control.status().schedulerRunning).toBe(true);
  });

  it('pausing through the API stops trading from the next cycle; emergency stop then needs an admin manual resume with a reason', async () => {
    const rt = await boot();
    const post = (path: string, body: unknown = {}) =>
      fetch(`${rt.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/system/pause')).status).toBe(200);
    const before = rt.store.orders.list({}, { limit: 500 }).items.length;
    for (let i = 0; i < 120; i++) await nextCandle(rt, fake as FakeBinance);
    expect(rt.store.orders.list({}, { limit: 500 }).items.length).toBe(before);
    // The strategy did signal while paused, and every signal was blocked because trading was paused.
    const blocked = rt.store.audit.list({ type: 'risk.blocked' }, { limit: 500 }).items;
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((b) => (b.inputs as { reasons: string[] }).reasons.includes('NOT_RUNNING'))).toBe(true);
    expect((await post('/api/system/emergency-stop', { reason: 'test' })).status).toBe(200);
    expect((await post('/api/system/resume')).status).toBe(409);
    expect((await post('/api/system/manual-resume', { reason: '' })).status).toBe(400);
    expect((await post('/api/system/manual-resume', { reason: 'checked the exchange' })).status).toBe(200);
    const events = (await (await fetch(`${rt.url}/api/events?type=state.manual_resume`)).json()) as {
      items: Array<{ actor: string; reason: string }>;
    };
    expect(events.items[0]).toMatchObject({ actor: 'user:local', reason: 'checked the exchange' });
  });

  it('keeps the trading state across a restart', async () => {
    const rt = await boot();
    await rt.control.transition('pause', { id: 'user:local', role: 'admin' }, 'maintenance');
    const again = await testbed.restart();
    expect(again.control.status().state).toBe('PAUSED');
  });

  it('refuses to start the scheduler while warm-up is incomplete and says which timeframe lacks how many candles', async () => {
    // Two days into the recorded week: not enough 4h candles for smart_grid_ai's regime (36 needed).
    const { rt } = await testbed.boot({
      marketTime: BTC_2021_WEEK.start + 2 * DAY,
      env: { TRADING_ACTIVE_STRATEGY: 'smart_grid_ai' },
      logDestination: sink,
    });
    const status = rt.control.status();
    expect(status.schedulerRunning).toBe(false);
    expect(status.dataReadiness.find((r) => r.timeframe === '4h')).toMatchObject({ ready: false, required: 36, available: 12 });
    await expect(rt.control.startScheduler({ id: 'user:local', role: 'admin' })).rejects.toThrow(
      /4h has 12 of 36 closed candles \(needs 24 more\)/,
    );
    expect(logLines.join('')).toContain('waiting for market data: 4h has 12 of 36 closed candles');
  });
});
