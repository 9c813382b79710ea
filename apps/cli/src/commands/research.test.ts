import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@warden/testkit/fixtures';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResearchReport } from '../research/researchReport.js';
import { writeTestCorpus } from '../research/testCorpus.js';

const BIN = join(repoRoot, 'apps', 'cli', 'bin', 'warden.js');
const tmp = makeTempDir('warden-research-cli-');
afterAll(() => tmp.cleanup());
const corpusDir = join(tmp.dir, 'corpus');
mkdirSync(corpusDir);
writeTestCorpus(corpusDir, 500);
const ENV = { TRADING_TIMEFRAMES: '1h,4h', TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' };

// Run from the temp directory: a developer's own `.env` in the repository must not reach the tests.
function warden(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'research', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...ENV },
    cwd: tmp.dir,
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('warden research', () => {
  it('prints one table for a corpus with a multi-symbol CSV, and writes JSON and a self-contained HTML report', {
    timeout: 240_000,
  }, () => {
    const r = warden(['corpus', '--strategies', 'smart_grid_ai,grid', '--json', 'out.json', '--report', 'out.html']);
    expect(r.stderr).not.toMatch(/error|failed/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Research bench: 3 sets, walk-forward 70/30');
    expect(r.stdout).toContain('score = returnPct / max(maxDrawdownPct, 0.01)');
    expect(r.stdout).toMatch(/set\s+strategy\s+part\s+return\s+max DD\s+score\s+trades\s+fees\s+exposure\s+B&H\s+static grid\s+beats grid/);
    for (const id of ['more/BTC_USDT-1h.json (BTC/USDT) 1h', 'pairs-1h.csv#BTC/USDT 1h', 'pairs-1h.csv#ETH/USDT 1h'])
      expect(r.stdout).toContain(id);
    for (const part of ['full', 'in-sample', 'out-of-sample'])
      expect(r.stdout).toMatch(new RegExp(`smart_grid_ai \\(defaults\\)\\s+${part}`));
    expect(r.stdout).toMatch(/all 3 sets\s+smart_grid_ai \(defaults\)\s+full .* [0-3]\/3\n/);
    expect(r.stdout).toMatch(/buy_and_hold\s+out-of-sample/);

    const report = JSON.parse(readFileSync(join(tmp.dir, 'out.json'), 'utf8')) as ResearchReport;
    expect(report.score).toBe('returnPct / max(maxDrawdownPct, 0.01)');
    expect(report.settings).toMatchObject({
      strategies: ['smart_grid_ai', 'grid'],
      inSampleFraction: 0.7,
      feeTakerPct: 0.1,
      slippageBps: 5,
      search: null,
    });
    expect(report.sets.map((s) => s.id)).toEqual(['more/BTC_USDT-1h.json', 'pairs-1h.csv#BTC/USDT', 'pairs-1h.csv#ETH/USDT']);
    const set = report.sets[1];
    expect(set?.meta.split.inSample.candles).toBe(350);
    expect(set?.meta.split.outOfSample.candles).toBe(150);
    const smart = set?.rows.find((row) => row.variant === 'smart_grid_ai (defaults)' && row.part === 'out-of-sample');
    expect(smart?.staticGrid?.params).toMatchObject({ grid_levels: 5, capital_pct: 50 });
    expect(set?.meta.notes.some((n) => n.startsWith('starting balance 10000 USDT'))).toBe(true);

    const html = readFileSync(join(tmp.dir, 'out.html'), 'utf8');
    expect(html).toContain('<table aria-label="research results">');
    expect(html).toContain('aria-label="equity curves pairs-1h.csv#ETH/USDT out-of-sample"');
    expect(html.match(/<svg /g)?.length).toBe(9); // 3 sets × 3 parts, side by side
    expect(html).toContain('published filters (tick 0.01'); // what the loader assumed, per set
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('gives the same JSON for the same seed, on one thread or several', { timeout: 240_000 }, () => {
    const args = ['corpus/pairs-1h.csv', '--strategies', 'grid', '--search', 'random', '--trials', '4', '--seed', '7'];
    const a = warden([...args, '--json', 'a.json']);
    const b = warden([...args, '--json', 'b.json', '--threads', '1']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(readFileSync(join(tmp.dir, 'b.json'), 'utf8')).toBe(readFileSync(join(tmp.dir, 'a.json'), 'utf8'));
    expect(a.stdout).toContain('Parameter search: random search, 4 trials, seed 7');
    expect(a.stdout).toMatch(/grid \(searched\)\s+out-of-sample/);
    expect(a.stdout).toContain('grid: parameters chosen in-sample');
  });

  it('prints markdown with --markdown', { timeout: 120_000 }, () => {
    const r = warden(['corpus/more', '--strategies', 'grid', '--markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| set | strategy | part | return | max DD | score |');
    expect(r.stdout).toContain('| ---: |');
  });

  it('exits 2 with a clear message for bad options and missing files', () => {
    expect(warden(['corpus', '--search', 'annealing'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--search: expected one of random, grid, got "annealing"'),
    });
    expect(warden(['corpus', '--split', '1.5'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--split: expected a fraction between 0 and 1'),
    });
    expect(warden(['nowhere.csv'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no candle files match "nowhere.csv"') });
    expect(warden(['corpus', '--strategies', 'moon'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown strategy "moon"'),
    });
  });
});
