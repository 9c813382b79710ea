import { FatalExchangeError, TransientExchangeError } from '@warden/core/errors/errors';
import { describe, expect, it } from 'vitest';
import { MarketNotConnectedError } from './deferredBroker.js';
import { ExchangeOutage, isExchangeOutage, outageReason } from './exchangeOutage.js';

interface Line {
  readonly level: 'debug' | 'info' | 'warn';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

function recorder() {
  const lines: Line[] = [];
  const at = (level: Line['level']) => (obj: object, msg: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn') } };
}

const refused = () =>
  new TransientExchangeError(
    'Binance unreachable or failing during klines: binance GET http://user:pw@127.0.0.1:9/api/v3/klines fetch failed: connect ECONNREFUSED 127.0.0.1:9',
  );

function outage(now: { t: number }) {
  const r = recorder();
  const o = new ExchangeOutage(r.log, { baseUrl: 'http://user:pw@127.0.0.1:9/?key=abc', reminderEveryMs: 300_000, now: () => now.t });
  return { ...r, outage: o };
}

describe('exchange outage report', () => {
  it('warns once when the exchange goes down, whatever the number of failed requests, and keeps each failure at debug', () => {
    const now = { t: 0 };
    const { lines, outage: o } = outage(now);
    for (let i = 0; i < 20; i++) {
      now.t += 5_000;
      o.failed(refused(), 'cycle');
    }
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings.map((l) => l.msg)).toEqual([
      'exchange unreachable at http://127.0.0.1:9: connection refused (ECONNREFUSED); trading waits and retries in the background (the API and panel stay up)',
    ]);
    expect(lines.filter((l) => l.level === 'debug')).toHaveLength(20);
    expect(o.isDown).toBe(true);
  });

  it('puts stack traces only at debug level and never logs the URL user-info or query', () => {
    const now = { t: 0 };
    const { lines, outage: o } = outage(now);
    o.failed(refused(), 'cycle');
    now.t += 400_000;
    o.failed(refused(), 'cycle');
    o.recovered();
    for (const line of lines.filter((l) => l.level !== 'debug')) {
      expect(line.obj.err).toBeUndefined();
      expect(JSON.stringify(line)).not.toMatch(/pw|key=abc|\n {4}at /);
    }
    expect(lines.filter((l) => l.level === 'debug').every((l) => l.obj.err instanceof Error)).toBe(true);
  });

  it('reminds at warn level once per reminder interval while the outage lasts', () => {
    const now = { t: 0 };
    const { lines, outage: o } = outage(now);
    o.failed(refused(), 'connect');
    for (let i = 0; i < 70; i++) {
      now.t += 10_000; // 700 s of failures every 10 s: reminders at 300 s and 600 s
      o.failed(refused(), 'cycle');
    }
    const reminders = lines.filter((l) => l.level === 'warn' && l.msg.startsWith('exchange still unreachable'));
    expect(reminders.map((l) => l.msg)).toEqual([
      'exchange still unreachable at http://127.0.0.1:9 after 5 min 0 s (31 failed requests; last: connection refused (ECONNREFUSED))',
      'exchange still unreachable at http://127.0.0.1:9 after 10 min 0 s (61 failed requests; last: connection refused (ECONNREFUSED))',
    ]);
  });

  it('says once that the exchange is back, with how long it was down, and starts afresh after that', () => {
    const now = { t: 0 };
    const { lines, outage: o } = outage(now);
    o.recovered(); // nothing was down: nothing to say
    o.failed(refused(), 'cycle');
    now.t += 95_000;
    o.recovered();
    o.recovered();
    o.failed(refused(), 'cycle');
    expect(lines.filter((l) => l.level !== 'debug').map((l) => `${l.level} ${l.msg.split(':')[0]}`)).toEqual([
      'warn exchange unreachable at http',
      'info exchange reachable again at http',
      'warn exchange unreachable at http',
    ]);
    expect(lines.find((l) => l.level === 'info')?.msg).toBe('exchange reachable again at http://127.0.0.1:9 after 1 min 35 s down');
  });

  it('names the cause briefly: socket codes, HTTP statuses, rate limits', () => {
    expect(outageReason(refused())).toBe('connection refused (ECONNREFUSED)');
    expect(outageReason(new TransientExchangeError('Binance 503', null, { status: 503 }))).toBe('HTTP 503');
    expect(outageReason(new TransientExchangeError('Binance 429', 2000, { status: 429 }))).toBe('rate limited (HTTP 429)');
    expect(outageReason(new TransientExchangeError('Binance did not answer in time during klines'))).toBe('timed out');
    expect(outageReason(new MarketNotConnectedError())).toMatch(/^not connected to the exchange yet/);
  });

  it('counts network, server and not-connected failures as outages, and credential or symbol errors not', () => {
    expect(isExchangeOutage(refused())).toBe(true);
    expect(isExchangeOutage(new MarketNotConnectedError())).toBe(true);
    expect(isExchangeOutage(new FatalExchangeError('Binance refused the credentials'))).toBe(false);
    expect(isExchangeOutage(new Error('strategy bug'))).toBe(false);
  });
});
