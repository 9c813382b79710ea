import { hashPassword } from '@warden/api';
import { openStore } from '@warden/storage/openStore';
import type { FakeBinance } from '@warden/testkit/fakeBinance/index';
import { describe, expect, it } from 'vitest';
import { useRuntimeTestbed } from '../runtimeTestbed.js';
import type { WardenRuntime } from '../startWarden.js';

const SCRAPE_TOKEN = 'scrape-token-0123456789abcdefghijklmnopqrstuvwxyz';
const TOKEN_SECRET = 'metrics-test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const PASSWORD = 'viewer-password-for-metrics';

const testbed = useRuntimeTestbed();

async function boot(env: Record<string, string>): Promise<{ rt: WardenRuntime; fake: FakeBinance }> {
  return testbed.boot({
    env: { LOG_LEVEL: 'warn', ...env },
    async beforeStart(dbPath) {
      const seed = openStore(dbPath);
      seed.users.create({ username: 'watcher', passwordHash: await hashPassword(PASSWORD), role: 'viewer', now: Date.now() });
      seed.close();
    },
  });
}

/** The scheduler's first cycle runs right after start; wait for it so each test counts only its own. */
async function firstCycleDone(rt: WardenRuntime): Promise<void> {
  while (rt.runner.lastCycleAt === null && rt.runner.lastError === null) await new Promise((r) => setTimeout(r, 20));
}

const scrape = (rt: WardenRuntime, token?: string) =>
  fetch(`${rt.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

/** The value of one series in an exposition text, e.g. `warden_cycles_total{outcome="decided"}`; null when absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('GET /metrics', () => {
  it('with auth on, answers the scrape token and a viewer login token, and refuses anonymous or wrong tokens', async () => {
    const { rt } = await boot({ AUTH_ENABLED: 'true', AUTH_TOKEN_SECRET: TOKEN_SECRET, METRICS_SCRAPE_TOKEN: SCRAPE_TOKEN });
    expect((await scrape(rt)).status).toBe(401);
    expect((await scrape(rt, 'not-the-token')).status).toBe(401);
    expect((await scrape(rt, `${SCRAPE_TOKEN}x`)).status).toBe(401);

    const bySecret = await scrape(rt, SCRAPE_TOKEN);
    expect(bySecret.status).toBe(200);
    expect(bySecret.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await bySecret.text()).toContain('# TYPE warden_cycle_duration_seconds histogram');

    const login = await fetch(`${rt.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'watcher', password: PASSWORD }),
    });
    const { token, role } = (await login.json()) as { token: string; role: string };
    expect(role).toBe('viewer');
    expect((await scrape(rt, token)).status).toBe(200);
  });

  it('is open with auth off, like the rest of the local API', async () => {
    const { rt } = await boot({});
    expect((await scrape(rt)).status).toBe(200);
  });

  it('moves after cycles: cycle counts and durations, equity, position, orders, fills, state', async () => {
    const { rt, fake: f } = await boot({});
    await firstCycleDone(rt);
    const before = await (await scrape(rt)).text();
    expect(sample(before, 'warden_trading_state{state="RUNNING"}')).toBe(1);
    expect(sample(before, 'warden_scheduler_running')).toBe(1);
    expect(sample(before, 'warden_exchange_up')).toBe(1);
    const cyclesBefore = sample(before, 'warden_cycle_duration_seconds_count') ?? 0;
    const decidedBefore = sample(before, 'warden_cycles_total{symbol="BTC/USDT",outcome="decided"}') ?? 0;

    for (let i = 0; i < 150; i++) {
      f.tape.clock.advance(300_000);
      await rt.runCycle();
    }
    const after = await (await scrape(rt)).text();
    expect(sample(after, 'warden_cycle_duration_seconds_count')).toBe(cyclesBefore + 150);
    expect(sample(after, 'warden_cycles_total{symbol="BTC/USDT",outcome="decided"}')).toBe(decidedBefore + 150);
    const equity = rt.store.equity.latest()?.equity;
    expect(sample(after, 'warden_equity{currency="USDT"}')).toBe(Number(equity));
    expect(sample(after, 'warden_position{symbol="BTC/USDT"}')).toBe(Number(rt.store.positions.get('BTC/USDT')?.quantity ?? 0));
    const fills = rt.store.fills.all('BTC/USDT');
    expect(fills.length).toBeGreaterThan(0);
    const countedFills = ['BUY', 'SELL']
      .flatMap((side) =>
        ['maker', 'taker'].map((liq) => sample(after, `warden_fills_total{symbol="BTC/USDT",side="${side}",liquidity="${liq}"}`) ?? 0),
      )
      .reduce((a, b) => a + b, 0);
    expect(countedFills).toBe(fills.length);
    expect(after).toMatch(/^warden_orders_total\{symbol="BTC\/USDT",side="(BUY|SELL)",status="FILLED"\} [1-9]/m);
    expect(sample(after, 'warden_risk_decisions_total{symbol="BTC/USDT",decision="ALLOW"}')).toBeGreaterThan(0);

    await rt.control.transition('pause', { id: 'user:local', role: 'admin' }, 'metrics test');
    const paused = await (await scrape(rt)).text();
    expect(sample(paused, 'warden_trading_state{state="PAUSED"}')).toBe(1);
    expect(sample(paused, 'warden_trading_state{state="RUNNING"}')).toBe(0);
  });

  it('reports the request weight the exchange counted in the current UTC minute', async () => {
    const { rt, fake: f } = await boot({});
    await firstCycleDone(rt);
    // The weight restarts each minute, so it is read in the minute of the last request; when a
    // minute ended in between, it is 0 and one more cycle makes a request in the new minute.
    for (;;) {
      const lastRequestMinute = Math.floor((f.requests.at(-1)?.at ?? 0) / 60_000);
      const text = await (await scrape(rt)).text();
      if (Math.floor(Date.now() / 60_000) === lastRequestMinute) {
        expect(sample(text, 'warden_exchange_weight_used')).toBeGreaterThan(0);
        return;
      }
      await rt.runCycle();
    }
  });

  it('counts failed exchange requests by kind and failed cycles', async () => {
    const { rt, fake: f } = await boot({});
    await firstCycleDone(rt);
    f.inject({ kind: 'serverError', times: 1_000 });
    f.tape.clock.advance(300_000);
    await rt.runCycle();
    f.faults.clear();
    const text = await (await scrape(rt)).text();
    expect(sample(text, 'warden_exchange_request_errors_total{kind="server"}')).toBeGreaterThan(0);
    expect(sample(text, 'warden_cycles_total{symbol="BTC/USDT",outcome="failed"}')).toBe(1);
    expect(sample(text, 'warden_exchange_up')).toBe(0);
  });
});
