import { Writable } from 'node:stream';
import type { FakeBinance } from '@warden/testkit/fakeBinance/index';
import { describe, expect, it } from 'vitest';
import { useRuntimeTestbed } from './runtimeTestbed.js';
import type { WardenRuntime } from './startWarden.js';

const testbed = useRuntimeTestbed();

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}
const WARN = 40;

/** Starts Warden against the fake exchange and collects its JSON log lines. */
async function boot(env: Record<string, string>): Promise<{ rt: WardenRuntime; lines: LogLine[]; fake: FakeBinance }> {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  const { rt, fake } = await testbed.boot({ env, logDestination: sink });
  return { rt, lines, fake };
}

describe('start-up and outage logs', () => {
  it('starts with a short summary (mode, pair, strategy, panel URL, services, what it waits for), not the configuration', async () => {
    const { rt, lines, fake } = await boot({ LOG_LEVEL: 'info' });
    const messages = lines.map((l) => l.msg);
    expect(messages[0]).toBe(
      'Warden 0.1.0: paper trading BTC/USDT with ema_crossover on 5m+4h, a cycle every 3600 s; trading state RUNNING',
    );
    // "control panel and API" once apps/web is built, "API (panel not built)" before.
    expect(messages.some((m) => m.endsWith(`listening on ${rt.url} (no login: local trusted mode)`))).toBe(true);
    expect(messages.some((m) => m.startsWith(`database ${rt.config.DATABASE_PATH}; exchange ${fake.url}; Telegram off;`))).toBe(true);
    expect(messages).toContain('scheduler started: a cycle every 3600 s, trading state RUNNING');
    expect(messages.some((m) => m.startsWith('market data ready: '))).toBe(true);
    expect(lines.some((l) => 'config' in l)).toBe(false);
    // A handful of lines, none of them carrying the configuration or a dump of the filters.
    expect(lines.length).toBeLessThanOrEqual(10);
    expect(JSON.stringify(lines)).not.toContain('TRADING_PAPER_SLIPPAGE_BPS');
  });

  it('keeps the full configuration, secrets redacted, at debug level', async () => {
    const { lines } = await boot({ LOG_LEVEL: 'debug', TELEGRAM_WEBHOOK_SECRET: 'canary-secret-value' });
    const dump = lines.find((l) => l.msg === 'configuration loaded');
    expect(dump?.level).toBe(20);
    expect((dump?.config as Record<string, unknown> | undefined)?.TRADING_PAPER_SLIPPAGE_BPS).toBe(5);
    expect(JSON.stringify(lines)).not.toContain('canary-secret-value');
  });

  it('reports an exchange that stays down with one warning and no stack trace, and says once when it is back', async () => {
    const { rt, lines, fake: f } = await boot({ LOG_LEVEL: 'debug' });
    f.inject({ kind: 'serverError', times: 1_000 });
    for (let i = 0; i < 2; i++) {
      f.tape.clock.advance(300_000);
      await rt.runCycle();
    }
    const failedAtDebug = lines.filter((l) => l.level === 20 && l.msg.startsWith('exchange request failed'));
    expect(failedAtDebug.length).toBeGreaterThanOrEqual(2);
    expect(failedAtDebug.every((l) => typeof (l.err as { stack?: string }).stack === 'string')).toBe(true);
    const loud = lines.filter((l) => l.level >= WARN);
    expect(loud.map((l) => l.msg)).toEqual([
      `exchange unreachable at ${f.url}: HTTP 503; trading waits and retries in the background (the API and panel stay up)`,
    ]);
    expect(loud.every((l) => !('err' in l) && !JSON.stringify(l).includes('    at '))).toBe(true);

    f.faults.clear();
    f.tape.clock.advance(300_000);
    await rt.runCycle();
    expect(lines.filter((l) => l.msg.startsWith('exchange reachable again at')).map((l) => l.level)).toEqual([30]);
    expect(rt.runner.lastError).toBeNull();
  });
});
