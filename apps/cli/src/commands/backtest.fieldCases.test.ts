import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '@warden/testkit/fixtures';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The field cases of ../shared/fixtures/field-cases: each file reproduces a failure users of other
// bots reported, and its README gives the right outcome. Every test here runs the real command.
const BIN = join(repoRoot, 'apps', 'cli', 'bin', 'warden.js');
// Each test spawns the command up to four times; on a loaded machine one run can take many
// seconds, so the deadline is generous (it only bounds a hung process).
vi.setConfig({ testTimeout: 480_000 });
const work = makeTempDir('warden-field-cases-');
afterAll(() => work.cleanup());

function warden(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'backtest', ...args], {
    encoding: 'utf8',
    // TZ comes along: the suite also runs under non-UTC zones, and results must not move with it.
    env: { PATH: process.env.PATH ?? '', ...(process.env.TZ ? { TZ: process.env.TZ } : {}), ...env },
    cwd: work.dir,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const field = (name: string) => fixturePath('field-cases', name);

interface Json {
  candles: number;
  from: number;
  to: number;
  trades: number;
  finalEquity: number;
  returnPct: number;
  data: { gaps: Array<{ from: number; missing: number; priceChangePct: number }>; timeNotations: string[] };
  assumptions: {
    filters: { tickSize: string; stepSize: string; minNotional: string; quote: string };
    startingEquity: number;
    lines: string[];
  };
}
const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Json;

describe('field case dup.json: one candle twice', () => {
  it('stops before trading, naming the repeated open time, its row and the rule (exit 2)', () => {
    const r = warden(['--data', field('dup.json'), '--strategy', 'grid']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /dup\.json row 61 \(index 60\): open time 2024-01-01T04:55:00\.000Z is a duplicate of dup\.json row 60 \(index 59\) \(rule: open times are unique\)/,
    );
    expect(r.stderr).toMatch(/--repair/);
  });

  it('with --repair keeps one copy, says so, and trades 120 candles', () => {
    const r = warden(['--data', field('dup.json'), '--strategy', 'grid', '--repair']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/market +BTC\/USDT 5m, 120 candles/);
    expect(r.stdout).toMatch(/--repair: dropped 1 row repeating an open time: dup\.json row 61/);
  });
});

describe('field case micro_labelled.csv: times in microseconds', () => {
  it('starts on 2025-01-01T00:00Z and says the times were microseconds', () => {
    const r = warden(['--data', field('micro_labelled.csv'), '--strategy', 'grid', '--json']);
    expect(r.code).toBe(0);
    const result = json(r);
    expect(result.from).toBe(Date.UTC(2025, 0, 1));
    expect(new Date(result.to).getUTCFullYear()).toBe(2025);
    expect(result.data.timeNotations).toEqual(['us']);
  });
});

describe('field case naive.csv: zone-less dates across a clock change', () => {
  it('gives the same from, to, candles and trades under every TZ, read as UTC', () => {
    const runs = ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns'].map((TZ) => {
      const r = warden(['--data', field('naive.csv'), '--json'], { TZ });
      expect(r.code, r.stderr).toBe(0);
      const { from, to, candles, trades, finalEquity } = json(r);
      return { from, to, candles, trades, finalEquity };
    });
    expect(runs[0]?.from).toBe(Date.UTC(2024, 2, 30, 12));
    expect(runs[0]?.candles).toBe(400);
    for (const run of runs) expect(run).toEqual(runs[0]);
  });
});

describe('field case tiny2.json: prices that print as 7.1e-7', () => {
  it('assumes a tick no coarser than the prices and matches a run with the true tick', () => {
    const assumed = json(warden(['--data', field('tiny2.json'), '--strategy', 'grid', '--json']));
    expect(Number(assumed.assumptions.filters.tickSize)).toBeLessThanOrEqual(1e-10);
    const trueTick = json(warden(['--data', field('tiny2.json'), '--strategy', 'grid', '--json', '--tick', '0.0000000001', '--step', '1']));
    expect(assumed.trades).toBeGreaterThan(0);
    expect({ trades: assumed.trades, finalEquity: assumed.finalEquity }).toEqual({
      trades: trueTick.trades,
      finalEquity: trueTick.finalEquity,
    });
  });
});

describe('field case gap.json: a 6-hour hole, then prices ×10', () => {
  it('reports where and how many candles are missing, in the text, the JSON and the HTML report', () => {
    const report = join(work.dir, 'gap.html');
    const text = warden(['--data', field('gap.json'), '--report', report]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/1 gap \(72 candles missing\)/);
    expect(text.stdout).toMatch(/gaps +2024-01-03 10:20 → 2024-01-03 16:15 UTC: 72 × 5m missing, price \+906\.8 % across it/);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('Gaps in the data');
    expect(html).toMatch(/2024-01-03 10:20<\/td><td>2024-01-03 16:15<\/td><td>72 × 5m/);
    const [gap] = json(warden(['--data', field('gap.json'), '--json'])).data.gaps;
    expect(gap).toMatchObject({ from: Date.UTC(2024, 0, 3, 10, 20), missing: 72 });
  });
});

describe('any Binance pair trades with no flags beyond --symbol, and says what it assumed', () => {
  it.each([
    [
      'a BTC-quoted pair at 8-decimal prices',
      fixturePath('candles', 'freqtrade-btc-pairs-5m-2018-01', 'ADA_BTC-5m.json'),
      'ADA/BTC',
      'BTC',
      '0.0001',
    ],
    ['a tiny-priced USDT pair', field('tiny2.json'), 'PEPE/USDT', 'USDT', '5'],
    ['BTC/USDT', fixturePath('candles', 'trading-signals-BTC_USDT-1m-2021-02-19_1week.json'), 'BTC/USDT', 'USDT', '5'],
  ])('%s', (_name, data, symbol, quote, minNotional) => {
    const r = warden(['--data', data, '--symbol', symbol, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = json(r);
    expect(result.trades).toBeGreaterThan(0);
    expect(result.assumptions.filters).toMatchObject({ quote, minNotional });
    expect(result.assumptions.lines.join('\n')).toMatch(new RegExp(`starting balance ${result.assumptions.startingEquity} ${quote}`));
    expect(warden(['--data', data, '--symbol', symbol]).stdout).toMatch(/assumed +.*(tick|filters)/);
  });
});

describe('a backtest whose every order is blocked', () => {
  it('says why, with the top reason codes and their counts', () => {
    const r = warden(['--data', fixturePath('candles', 'trading-signals-BTC_USDT-1m-2021-02-19_1week.json'), '--strategy', 'grid'], {
      RISK_MAX_POSITION_PCT: '0',
      TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /no trades +the risk engine blocked all \d+ orders the strategy asked for \(\d+ BUY, 0 SELL\): MAX_POSITION ×\d+/,
    );
  });
});
