import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '@warden/testkit/fixtures';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const BIN = join(repoRoot, 'apps', 'cli', 'bin', 'warden.js');
let cleanup: () => void = () => {};
afterEach(() => cleanup());

// Run from an empty directory: a developer's own `.env` in the repository must not reach the tests.
const emptyDir = makeTempDir('warden-cli-cwd-');
afterAll(() => emptyDir.cleanup());

function warden(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: emptyDir.dir,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('warden backtest', () => {
  const files = readdirSync(fixturePath('candles')).filter((f) => /\.(json|csv)$/.test(f));

  it('finds the recorded candle files', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of files) {
    it(`reports on ${file} with smart_grid_ai, and writes an HTML report with the equity curve and the trades`, () => {
      const tmp = makeTempDir();
      cleanup = tmp.cleanup;
      const report = join(tmp.dir, 'report.html');
      // A multi-pair file without --symbol is a portfolio backtest (tested below): pick one pair here.
      const pick = file.includes('USDT-pairs') ? ['--symbol', 'BTC/USDT'] : [];
      const r = warden(
        ['backtest', '--data', fixturePath('candles', file), ...pick, '--strategy', 'smart_grid_ai', '--json', '--report', report],
        {
          TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
        },
      );
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout) as {
        strategy: string;
        candles: number;
        returnPct: number;
        buyHoldReturnPct: number;
        maxDrawdownPct: number;
        trades: number;
        feesPaid: number;
      };
      expect(result.strategy).toBe('smart_grid_ai');
      expect(result.candles).toBeGreaterThan(100);
      expect(result.trades).toBeGreaterThan(0);
      for (const v of [result.returnPct, result.buyHoldReturnPct, result.maxDrawdownPct, result.feesPaid])
        expect(Number.isFinite(v)).toBe(true);
      const html = readFileSync(report, 'utf8');
      expect(html).toContain('aria-label="equity curve"');
      expect(html).toMatch(/class="(buy|sell)"/);
      expect(html).not.toMatch(/<script|https?:\/\//);
    });
  }

  it('backtests every pair of a multi-pair file as one account without --symbol, per pair and in total', () => {
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    const report = join(tmp.dir, 'portfolio.html');
    const r = warden(
      [
        'backtest',
        '--data',
        fixturePath('candles', 'octobot-binance-USDT-pairs-4h-2023-12-30_2024-03-22.csv'),
        '--strategy',
        'grid',
        '--json',
        '--report',
        report,
      ],
      {
        TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
        TRADING_PAIR_STRATEGIES: 'SOL/USDT=ema_crossover',
        TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT,SOL/USDT',
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      quote: string;
      startingEquity: number;
      finalEquity: number;
      trades: number;
      pairs: Array<{ symbol: string; strategy: string; trades: number; pnl: number }>;
    };
    expect(result.quote).toBe('USDT');
    expect(result.pairs.map((p) => [p.symbol, p.strategy])).toEqual([
      ['BTC/USDT', 'grid'],
      ['ETH/USDT', 'grid'],
      ['SOL/USDT', 'ema_crossover'],
    ]);
    expect(result.trades).toBe(result.pairs.reduce((n, p) => n + p.trades, 0));
    expect(result.pairs.reduce((n, p) => n + p.pnl, 0)).toBeCloseTo(result.finalEquity - result.startingEquity, 4);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('aria-label="portfolio equity curve"');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('is deterministic: the same file and settings give the same result', () => {
    const args = [
      'backtest',
      '--data',
      fixturePath('candles', 'trading-signals-BTC_USDT-1m-2021-02-19_1week.json'),
      '--strategy',
      'ema_crossover',
      '--json',
    ];
    expect(warden(args).stdout).toBe(warden(args).stdout);
  });

  it('refuses an unknown strategy or bad parameters with a clear message', () => {
    const unknown = warden(['backtest', '--data', fixturePath('candles', files[0] as string), '--strategy', 'moon']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown strategy "moon"; known: smart_grid_ai, grid, ema_crossover, rsi_mean_reversion');
    const bad = warden([
      'backtest',
      '--data',
      fixturePath('candles', files[0] as string),
      '--strategy',
      'smart_grid_ai',
      '--params',
      '{"grid_levels":500}',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('grid_levels');
  });
});

describe('warden audit verify', () => {
  it('reports an intact chain, then the first broken row after tampering', async () => {
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    const db = join(tmp.dir, 'w.db');
    const { openStore } = await import('@warden/storage/openStore');
    const store = openStore(db);
    for (let i = 0; i < 4; i++) store.audit.append({ time: i, type: 'test', actor: 'system', reason: `r${i}` });
    expect(warden(['audit', 'verify'], { DATABASE_PATH: db })).toMatchObject({ code: 0, stdout: 'audit log intact: 4 events verified\n' });
    store.sqlite.prepare("update events_log set actor = 'user:mallory' where id = 2").run();
    store.close();
    const broken = warden(['audit', 'verify'], { DATABASE_PATH: db });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('audit log BROKEN at event 2');
  });

  it('names the files when none holds a candle (an empty array, a header alone)', () => {
    const dir = makeTempDir('warden-empty-data-');
    cleanup = dir.cleanup;
    writeFileSync(join(dir.dir, 'empty.json'), '[]\n');
    writeFileSync(join(dir.dir, 'header.csv'), 'time,open,high,low,close,volume\n');
    const r = warden(['backtest', '--data', join(dir.dir, 'empty.json'), join(dir.dir, 'header.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no candles in');
    expect(r.stderr).toContain('empty.json');
    expect(r.stderr).toContain('header.csv');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
