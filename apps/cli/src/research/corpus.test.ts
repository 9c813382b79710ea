import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@warden/core/config/parseConfig';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { listCorpus, loadCorpusSet } from './corpus.js';
import { writeTestCorpus } from './testCorpus.js';

let cleanup = () => {};
afterEach(() => cleanup());

function corpus() {
  const tmp = makeTempDir('warden-corpus-');
  cleanup = tmp.cleanup;
  return { dir: tmp.dir, ...writeTestCorpus(tmp.dir, 60) };
}

describe('listCorpus', () => {
  it('makes each symbol of a multi-symbol file its own set and walks folders recursively', async () => {
    const { dir } = corpus();
    writeFileSync(join(dir, 'notes.txt'), 'not candles');
    const sets = await listCorpus([dir]);
    expect(sets.map((s) => [s.id, s.symbol])).toEqual([
      ['more/BTC_USDT-1h.json', 'BTC/USDT'],
      ['pairs-1h.csv#BTC/USDT', 'BTC/USDT'],
      ['pairs-1h.csv#ETH/USDT', 'ETH/USDT'],
    ]);
  });

  it('expands glob patterns and lists a file named twice once', async () => {
    const { dir, csv } = corpus();
    const sets = await listCorpus(['**/*.json', csv, 'pairs-*.csv'], dir);
    expect(sets.map((s) => s.id)).toEqual(['more/BTC_USDT-1h.json', 'pairs-1h.csv#BTC/USDT', 'pairs-1h.csv#ETH/USDT']);
  });

  it('names the argument that matched nothing', async () => {
    const { dir } = corpus();
    await expect(listCorpus([join(dir, 'missing.csv')])).rejects.toThrow(`no candle files match "${join(dir, 'missing.csv')}"`);
    await expect(listCorpus(['*.parquet'], dir)).rejects.toThrow('no candle files match "*.parquet"');
  });
});

describe('loadCorpusSet', () => {
  it('loads a set as `warden backtest` would, taking the pair of an unlabelled file from its name', async () => {
    const { dir } = corpus();
    const [json, , eth] = await listCorpus([dir]);
    const env = { TRADING_TIMEFRAMES: '1h,4h' };
    const context = { env, config: parseConfig(env), timeframes: ['1h', '4h'] as const, inSampleFraction: 0.7 };
    const a = await loadCorpusSet(json!, context);
    expect(a.symbol).toBe('BTC/USDT');
    expect(a.primary).toBe('1h');
    expect(a.candles['1h']).toHaveLength(60);
    expect(a.candles['4h']).toHaveLength(15);
    expect(a.startingEquity).toBe(10_000);
    const b = await loadCorpusSet(eth!, context);
    expect(b.symbol).toBe('ETH/USDT');
    expect(b.filters.stepSize).toBe('0.0001');
    expect(b.riskLimits?.maxOrderNotional).toBe(parseConfig(env).RISK_MAX_ORDER_NOTIONAL);
  });

  it('assumes a BTC-quoted pair’s market in BTC: equity, minimum order and order cap', async () => {
    const { dir } = corpus();
    const file = join(dir, 'ETH_BTC-1h.json');
    writeFileSync(
      file,
      JSON.stringify(Array.from({ length: 40 }, (_, i) => [Date.UTC(2024, 0, 1) + i * 3_600_000, 0.05, 0.0502, 0.0499, 0.0501, 10])),
    );
    const [set] = await listCorpus([file]);
    const env = { TRADING_TIMEFRAMES: '1h' };
    const loaded = await loadCorpusSet(set!, { env, config: parseConfig(env), timeframes: ['1h'], inSampleFraction: 0.7 });
    expect(loaded.symbol).toBe('ETH/BTC');
    expect(loaded.filters.minNotional).toBe('0.0001');
    expect(loaded.startingEquity).toBeCloseTo(0.2, 10);
    expect(loaded.riskLimits?.maxOrderNotional).toBeCloseTo(parseConfig(env).RISK_MAX_ORDER_NOTIONAL * 0.00002, 12);
    const withEquity = { ...env, TRADING_PAPER_STARTING_EQUITY: '3' };
    expect(
      (await loadCorpusSet(set!, { env: withEquity, config: parseConfig(withEquity), timeframes: ['1h'], inSampleFraction: 0.7 }))
        .startingEquity,
    ).toBe(3);
  });
});
