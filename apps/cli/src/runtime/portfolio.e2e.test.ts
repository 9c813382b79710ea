import { Writable } from 'node:stream';
import { type FakeBinance, recordedUsdtPairs4h, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWarden, type WardenRuntime } from './startWarden.js';

// Three real pairs of the recorded 2024 4h file (Binance BTC, ETH and SOL against USDT), served by
// the fake exchange on one market clock; Warden trades them as one account.
const H4 = 4 * 3_600_000;
const FIRST_4H = Date.UTC(2023, 11, 30, 8);
const PAIRS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
// Each cycle asks the exchange for three pairs' candles and prices over HTTP: the deadline bounds a
// hang, not the speed of a loaded machine.
vi.setConfig({ testTimeout: 600_000 });

let fake: FakeBinance | null = null;
let runtime: WardenRuntime | null = null;
let cleanup: () => void = () => {};

afterEach(async () => {
  await runtime?.stop('test end');
  await fake?.close();
  cleanup();
  runtime = null;
  fake = null;
});

const sink = new Writable({ write: (_c, _e, done) => done() });

function env(dbPath: string, url: string): Record<string, string> {
  return {
    BINANCE_BASE_URL: url,
    DATABASE_PATH: dbPath,
    PORT: '0',
    TRADING_CYCLE_SECONDS: '3600',
    LOG_LEVEL: 'info',
    TRADING_TIMEFRAMES: '4h',
    TRADING_SYMBOLS: PAIRS.join(','),
    TRADING_ACTIVE_STRATEGY: 'grid',
    TRADING_PAIR_STRATEGIES: 'SOL/USDT=ema_crossover',
    TRADING_PAIR_PARAMS: '{"SOL/USDT":{"fast_period":5,"slow_period":13}}',
    TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
    TRADING_GRID_COOLDOWN_SECONDS: '0',
  };
}

async function boot(): Promise<{ rt: WardenRuntime; f: FakeBinance; db: string }> {
  fake = await startFakeBinance({ candles: recordedUsdtPairs4h(), marketTime: FIRST_4H + 60 * H4 + 1000 });
  const db = tempDbPath();
  cleanup = db.cleanup;
  runtime = await startWarden({ env: env(db.path, fake.url), logDestination: sink });
  return { rt: runtime, f: fake, db: db.path };
}

async function cycles(rt: WardenRuntime, f: FakeBinance, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    f.tape.clock.advance(H4);
    await rt.runCycle();
  }
}

describe('several pairs under one risk budget, against the fake exchange', () => {
  it('trades all three pairs with their own strategies from one quote balance', async () => {
    const { rt, f } = await boot();
    const status = rt.control.status();
    expect(status.pairs.map((p) => [p.symbol, p.strategy, p.state])).toEqual([
      ['BTC/USDT', 'grid', 'RUNNING'],
      ['ETH/USDT', 'grid', 'RUNNING'],
      ['SOL/USDT', 'ema_crossover', 'RUNNING'],
    ]);
    expect(status.dataReady).toBe(true);
    expect(status.dataReadiness.map((r) => r.symbol).sort()).toEqual([...PAIRS].sort());
    await cycles(rt, f, 120);
    for (const symbol of PAIRS) expect(rt.store.fills.all(symbol).length, symbol).toBeGreaterThan(0);
    const account = rt.store.config.get<{ version: number; quote: { free: string; locked: string }; pairs: Array<{ symbol: string }> }>(
      'paper.account',
    );
    expect(account?.version).toBe(2);
    expect(account?.pairs.map((p) => p.symbol)).toEqual(PAIRS);
    expect(Number(account?.quote.free)).toBeGreaterThanOrEqual(0);
    expect(rt.runner.lastError).toBeNull();
    // Every equity snapshot is of one pair's cycle and carries the whole account's equity.
    const rows = rt.store.equity.list({}, { limit: 30 }).items;
    expect(new Set(rows.map((r) => r.symbol))).toEqual(new Set(PAIRS));
    // The portfolio view carries the account's return, drawdown and day P&L against the limits.
    const view = (await (await fetch(`${rt.url}/api/portfolio`)).json()) as {
      equity: number;
      performance: { startingEquity: number; returnPct: number; peakEquity: number; drawdownPct: number; drawdownLimitPct: number } | null;
    };
    const perf = view.performance;
    expect(perf).not.toBeNull();
    expect(perf?.startingEquity).toBe(10_000);
    expect(perf?.returnPct).toBeCloseTo((view.equity / 10_000 - 1) * 100, 6);
    expect(perf?.peakEquity).toBeGreaterThanOrEqual(view.equity);
    expect(perf?.drawdownPct).toBeCloseTo((((perf?.peakEquity ?? 0) - view.equity) / (perf?.peakEquity ?? 1)) * 100, 6);
    expect(perf?.drawdownLimitPct).toBe(20);
  });

  it('pauses one pair (audited) while the others keep trading, and resumes it', async () => {
    const { rt, f } = await boot();
    await cycles(rt, f, 20);
    const operator = { id: 'user:olga', role: 'operator' as const };
    await rt.control.setPairState('ETH/USDT', 'pause', operator, 'news on ETH');
    expect(rt.control.status().pairs.find((p) => p.symbol === 'ETH/USDT')).toMatchObject({ state: 'PAUSED', paused: true });
    const ethOrdersBefore = rt.store.orders.list({ symbol: 'ETH/USDT' }, { limit: 500 }).items.length;
    const btcOrdersBefore = rt.store.orders.list({ symbol: 'BTC/USDT' }, { limit: 500 }).items.length;
    await cycles(rt, f, 120);
    expect(rt.store.orders.list({ symbol: 'ETH/USDT' }, { limit: 500 }).items.length).toBe(ethOrdersBefore);
    expect(rt.store.orders.list({ symbol: 'BTC/USDT' }, { limit: 500 }).items.length).toBeGreaterThan(btcOrdersBefore);
    const paused = rt.store.audit.list({ type: 'state.pair_paused' }, { limit: 5 }).items;
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({
      actor: 'user:olga',
      reason: 'news on ETH',
      inputs: expect.objectContaining({ symbol: 'ETH/USDT', from: 'RUNNING', to: 'PAUSED' }),
    });
    await expect(rt.control.setPairState('ETH/USDT', 'pause', operator, '')).rejects.toThrow(/already paused/);
    await expect(rt.control.setPairState('ETH/USDT', 'resume', { id: 'user:v', role: 'viewer' }, '')).rejects.toThrow(
      /needs role operator/,
    );
    await expect(rt.control.setPairState('XRP/USDT', 'pause', operator, '')).rejects.toThrow(/not one of the traded pairs/);
    await rt.control.setPairState('ETH/USDT', 'resume', operator, 'back');
    expect(rt.control.status().pairs.every((p) => p.state === 'RUNNING')).toBe(true);
  });

  it('stops every pair on an emergency stop, cancelling each pair’s resting orders', async () => {
    const { rt, f } = await boot();
    await cycles(rt, f, 30);
    const result = await rt.control.transition('emergency_stop', { id: 'user:olga', role: 'operator' }, 'test');
    expect(result.to).toBe('EMERGENCY_STOP');
    expect(rt.control.status().pairs.every((p) => p.state === 'EMERGENCY_STOP')).toBe(true);
    const ordersBefore = rt.store.orders.list({}, { limit: 1000 }).items.length;
    await cycles(rt, f, 10);
    expect(rt.store.orders.list({}, { limit: 1000 }).items.length).toBe(ordersBefore);
  });

  it('shows every pair where the operator looks: portfolio, equity curve, per-pair strategy, per-pair advisor, pair pause over HTTP', async () => {
    const { rt, f } = await boot();
    await cycles(rt, f, 40);
    const get = async (path: string) => {
      const res = await fetch(`${rt.url}${path}`);
      expect(res.status, path).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${rt.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    const view = (await get('/api/portfolio')) as {
      quote: string;
      equity: number;
      quoteBalance: number;
      exposurePct: number;
      pairs: Array<{ symbol: string; strategy: string; value: number; baseBalance: number; price: number | null; trades: number }>;
    };
    expect(view.quote).toBe('USDT');
    expect(view.pairs.map((p) => [p.symbol, p.strategy])).toEqual([
      ['BTC/USDT', 'grid'],
      ['ETH/USDT', 'grid'],
      ['SOL/USDT', 'ema_crossover'],
    ]);
    expect(view.equity).toBe(Number(rt.store.equity.latest()?.equity));
    // The last pair of a tick values the whole account: its quote plus every pair's base at its price.
    const invested = view.pairs.reduce((sum, p) => sum + p.value, 0);
    expect(Math.abs(view.quoteBalance + invested - view.equity)).toBeLessThan(1e-4);
    expect(view.exposurePct).toBeCloseTo((invested / view.equity) * 100, 9);
    for (const p of view.pairs) expect(p.price, p.symbol).toBeGreaterThan(0);

    const curve = (await get('/api/portfolio/equity?limit=5')) as { items: Array<{ time: number; equity: number }> };
    expect(curve.items).toHaveLength(5);
    expect(new Set(curve.items.map((p) => p.time)).size).toBe(5);
    expect(curve.items[0]?.equity).toBe(view.equity);

    const sol = (await get('/api/strategy?symbol=SOL%2FUSDT')) as { symbol: string; name: string; params: Record<string, unknown> };
    expect(sol).toMatchObject({ symbol: 'SOL/USDT', name: 'ema_crossover', params: { fast_period: 5, slow_period: 13 } });
    expect(await get('/api/strategy')).toMatchObject({ symbol: 'BTC/USDT', name: 'grid' });

    const run = await post('/api/advisor/run', {});
    expect(run.status).toBe(200);
    const contexts = rt.store.audit.list({ type: 'advisor.context_built' }, { limit: 10 }).items;
    expect(contexts.map((e) => (e.inputs as { symbol: string; strategy: string }).strategy).reverse()).toEqual([
      'grid',
      'grid',
      'ema_crossover',
    ]);
    expect(contexts.map((e) => (e.inputs as { symbol: string }).symbol).reverse()).toEqual(PAIRS);

    expect((await post('/api/pairs/pause', { symbol: 'SOL/USDT', reason: 'test' })).body).toEqual({
      symbol: 'SOL/USDT',
      from: 'RUNNING',
      to: 'PAUSED',
    });
    expect(((await get('/api/portfolio')) as { pairs: Array<{ paused: boolean }> }).pairs.map((p) => p.paused)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('continues every pair after a restart: same account, same strategies, no order twice', async () => {
    const { rt, f, db } = await boot();
    await cycles(rt, f, 60);
    const before = Object.fromEntries(PAIRS.map((s) => [s, rt.store.fills.all(s).length]));
    const accountBefore = rt.store.config.get('paper.account');
    await rt.stop('restart');
    runtime = null;
    runtime = await startWarden({ env: env(db, f.url), logDestination: sink });
    const again = runtime;
    expect(again.store.config.get('paper.account')).toEqual(accountBefore);
    expect(again.control.status().pairs.map((p) => p.strategy)).toEqual(['grid', 'grid', 'ema_crossover']);
    // Re-running the candle already decided on sends nothing new.
    await again.runCycle();
    for (const s of PAIRS) expect(again.store.fills.all(s).length, s).toBe(before[s]);
    await cycles(again, f, 60);
    expect(PAIRS.filter((s) => again.store.fills.all(s).length > (before[s] ?? 0)).length).toBeGreaterThanOrEqual(2);
    const ids = again.store.orders.list({}, { limit: 5000 }).items.map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
