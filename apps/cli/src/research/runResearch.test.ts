import { makeTempDir } from '@warden/testkit/tempDir';
import { afterAll, describe, expect, it } from 'vitest';
import { runResearch } from './runResearch.js';
import { writeTestCorpus } from './testCorpus.js';

const tmp = makeTempDir('warden-research-');
afterAll(() => tmp.cleanup());
writeTestCorpus(tmp.dir, 400);
const env = { TRADING_TIMEFRAMES: '1h,4h', TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' };
const base = {
  inputs: [tmp.dir],
  env,
  strategies: ['smart_grid_ai', 'grid'],
  search: { mode: 'random' as const, trials: 3, seed: 4, keys: ['grid_levels', 'spacing_multiplier', 'spacing_pct'] },
};

describe('runResearch', () => {
  it('gives identical results on worker threads and in one thread', { timeout: 240_000 }, async () => {
    const progress: number[] = [];
    const parallel = await runResearch({ ...base, threads: 2, onProgress: (done) => progress.push(done) });
    const serial = await runResearch({ ...base, threads: 1 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(serial));
    expect(parallel.sets).toHaveLength(3);
    expect(progress.length).toBeGreaterThan(10);
  });

  it('names the set when a file cannot be split', { timeout: 180_000 }, async () => {
    const small = makeTempDir('warden-research-small-');
    try {
      const { csv } = writeTestCorpus(small.dir, 1);
      await expect(runResearch({ ...base, inputs: [csv], threads: 1, search: null })).rejects.toThrow(
        'pairs-1h.csv#BTC/USDT: 1 candles are too few to split 70/30',
      );
    } finally {
      small.cleanup();
    }
  });
});
