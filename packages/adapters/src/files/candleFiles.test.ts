import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregateCandles } from '@warden/core/data/aggregateCandles';
import type { Candle, Timeframe } from '@warden/core/domain/market';
import { fixturePath } from '@warden/testkit/fixtures';
import { describe, expect, it } from 'vitest';
import { readCandleFile, readCandleSeries, writeCandleFile } from './candleFiles.js';

const multiTf = fixturePath('candles', 'octobot-binance-BTC_USDT-multi-timeframe-2018-04-28.csv');

describe('readCandleFile on the recorded fixtures', () => {
  it('reads the trading-signals object rows (openTimeInMillis, string prices) as 1m', async () => {
    const candles = await readCandleFile(fixturePath('candles', 'trading-signals-BTC_USDT-1m-2021-02-19_1week.json'), { timeframe: '1m' });
    expect(candles).toHaveLength(10_080);
    expect(candles[0]).toEqual({
      openTime: Date.UTC(2021, 1, 19),
      open: 51552.61,
      high: 51657.05,
      low: 51545,
      close: 51613.38,
      volume: 134.989218,
    });
    const [series] = await readCandleSeries(fixturePath('candles', 'trading-signals-BTC_USDT-1m-2021-02-19_1week.json'));
    expect(series?.timeframe).toBe('1m');
  });

  it('reads the freqtrade pandas column-oriented JSON', async () => {
    const candles = await readCandleFile(fixturePath('candles', 'freqtrade-orderflow-candles-5m.json'), { timeframe: '5m' });
    expect(candles).toHaveLength(10_999);
    expect(candles[0]?.openTime).toBe(1672677900000);
  });

  it('selects one symbol from the multi-pair OctoBot CSV', async () => {
    const file = fixturePath('candles', 'octobot-binance-USDT-pairs-4h-2023-12-30_2024-03-22.csv');
    const series = await readCandleSeries(file);
    expect(series.map((s) => s.symbol).sort()).toEqual(['BNB/USDT', 'BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    const eth = await readCandleFile(file, { symbol: 'ETH/USDT', timeframe: '4h' });
    expect(eth).toHaveLength(500);
    await expect(readCandleFile(file, { timeframe: '4h' })).rejects.toThrow(/several series/);
  });

  it('selects each of the 14 timeframes from the OctoBot multi-timeframe CSV', async () => {
    const series = await readCandleSeries(multiTf);
    expect(series).toHaveLength(14);
    for (const s of series) await readCandleFile(multiTf, { symbol: 'BTC/USDT', timeframe: s.timeframe as Timeframe });
  });

  it('reads Binance kline arrays and [ms,o,h,l,c,v] arrays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-candles-'));
    const kline = [
      [
        1706630400000,
        '43519.34000000',
        '43936.00000000',
        '43171.00000000',
        '43488.71000000',
        '20.55495000',
        1706633999999,
        '891428.42858070',
        3743,
        '10.91428000',
        '473782.95739920',
        '0',
      ],
    ];
    const short = [[1706630400000, 43519.34, 43936, 43171, 43488.71, 20.55495]];
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'k.json'), JSON.stringify(kline));
    await writeFile(join(dir, 's.json'), JSON.stringify(short));
    const expected = [{ openTime: 1706630400000, open: 43519.34, high: 43936, low: 43171, close: 43488.71, volume: 20.55495 }];
    expect(await readCandleFile(join(dir, 'k.json'), { timeframe: '1h' })).toEqual(expected);
    expect(await readCandleFile(join(dir, 's.json'), { timeframe: '1h' })).toEqual(expected);
  });

  it('writes JSON and CSV that read back to the same candles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-candles-'));
    const candles = (await readCandleFile(multiTf, { symbol: 'BTC/USDT', timeframe: '1h' })).slice(0, 50);
    for (const format of ['json', 'csv'] as const) {
      const out = join(dir, `out.${format}`);
      await writeCandleFile(out, format, 'BTC/USDT', '1h', candles);
      expect(await readCandleFile(out, { symbol: 'BTC/USDT', timeframe: '1h' })).toEqual(candles);
    }
  });
});

describe('aggregation matches candles Binance recorded at the higher timeframe', () => {
  /** The last recorded candle of each timeframe was still forming (fixtures README). */
  const closedOnly = (c: Candle[]) => c.slice(0, -1);
  const expectSameBars = (built: Candle[], recorded: Candle[]) => {
    const byOpen = new Map(recorded.map((c) => [c.openTime, c]));
    const overlap = built.filter((c) => byOpen.has(c.openTime));
    expect(overlap.length).toBeGreaterThan(0);
    for (const c of overlap) {
      const r = byOpen.get(c.openTime) as Candle;
      expect([c.open, c.high, c.low, c.close]).toEqual([r.open, r.high, r.low, r.close]);
      expect(c.volume).toBeCloseTo(r.volume, 4);
    }
    return overlap.length;
  };

  it('1m → 5m → 4h over the 2018 multi-timeframe file', async () => {
    const load = async (timeframe: Timeframe) => closedOnly(await readCandleFile(multiTf, { symbol: 'BTC/USDT', timeframe }));
    const [m1, m5, h1, h4] = await Promise.all([load('1m'), load('5m'), load('1h'), load('4h')]);
    const built5m = aggregateCandles(m1, '1m', '5m');
    expect(expectSameBars(built5m, m5)).toBeGreaterThanOrEqual(90);
    const built4h = aggregateCandles(m5, '5m', '4h');
    expect(expectSameBars(built4h, h4)).toBeGreaterThanOrEqual(8);
    expect(expectSameBars(aggregateCandles(built5m, '5m', '1h'), h1)).toBeGreaterThanOrEqual(7);
    // The chained 1m → 5m → 4h build: the 1m file spans ~8 hours, so at least one full 4h bar.
    expect(expectSameBars(aggregateCandles(built5m, '5m', '4h'), h4)).toBeGreaterThanOrEqual(1);
  });
});
