import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CandleDataError } from '@warden/core/data/candleValidation';
import type { Candle } from '@warden/core/domain/market';
import { binanceKlineCsv, writeBinanceZip } from '@warden/testkit/binanceDataFiles';
import { randomWalkCandles } from '@warden/testkit/candles';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { labelsFromFileName, loadCandleFiles } from './candleFiles.js';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

/** Two days of 1m candles across the ms → µs switch of Binance's files (2024-12-31 and 2025-01-01). */
const twoDays: Candle[] = randomWalkCandles({ count: 2 * 1440, start: Date.UTC(2024, 11, 31), stepMs: 60_000, seed: 7 });
const day = (i: number) => twoDays.slice(i * 1440, (i + 1) * 1440);

function tempDir() {
  const tmp = makeTempDir('warden-archives-');
  cleanup = tmp.cleanup;
  return tmp.dir;
}

describe("Binance's kline archives", () => {
  it('reads a daily .zip per day, ms before 2025 and µs after, joined in time order by a glob', async () => {
    const dir = tempDir();
    writeBinanceZip(dir, 'BTCUSDT-1m-2025-01-01', binanceKlineCsv(day(1), '1m', 'us'));
    writeBinanceZip(dir, 'BTCUSDT-1m-2024-12-31', binanceKlineCsv(day(0), '1m', 'ms'));
    const [series, ...rest] = await loadCandleFiles([join(dir, 'BTCUSDT-1m-*.zip')]);
    expect(rest).toEqual([]);
    expect(series).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1m' });
    expect(series?.candles).toHaveLength(2880);
    expect(series?.candles[1440]?.openTime).toBe(Date.UTC(2025, 0, 1));
    expect(new Set(series?.timeNotations)).toEqual(new Set(['ms', 'us']));
    expect(series?.gaps).toEqual([]);
    expect(series?.files).toEqual([
      'BTCUSDT-1m-2024-12-31.zip:BTCUSDT-1m-2024-12-31.csv',
      'BTCUSDT-1m-2025-01-01.zip:BTCUSDT-1m-2025-01-01.csv',
    ]);
  });

  it('reads a folder, reports the hole between two files and keeps one copy of an identical overlap', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'BTCUSDT-1m-2024-12-31.csv'), binanceKlineCsv(day(0).slice(0, 1000), '1m', 'ms'));
    // The second file starts 5 candles before the first ends (identical rows) and after a 2-hour hole.
    writeFileSync(
      join(dir, 'BTCUSDT-1m-2025-01-01.csv'),
      binanceKlineCsv([...day(0).slice(995, 1000), ...day(0).slice(1120), ...day(1)], '1m', 'us'),
    );
    const [series] = await loadCandleFiles([dir]);
    expect(series?.overlapsDropped).toBe(5);
    expect(series?.gaps).toEqual([expect.objectContaining({ from: Date.UTC(2024, 11, 31) + 1000 * 60_000, missing: 120 })]);
  });

  it('stops on overlapping files that disagree, naming the file and line', async () => {
    const dir = tempDir();
    const shifted = day(1).map((c) => ({ ...c, close: c.close, open: c.open + 1, high: c.high + 1 }));
    writeFileSync(join(dir, 'a.csv'), binanceKlineCsv(day(1), '1m', 'us'));
    writeFileSync(join(dir, 'b.csv'), binanceKlineCsv(shifted.slice(100, 200), '1m', 'us'));
    await expect(loadCandleFiles([dir])).rejects.toThrow(
      /b\.csv line 1: open time 2025-01-01T01:40:00\.000Z overlaps a\.csv line 101 with different values/,
    );
  });

  it('names a bad row inside an archive by archive, entry and line', async () => {
    const dir = tempDir();
    const rows = binanceKlineCsv(day(1).slice(0, 10), '1m', 'us').split('\n');
    rows[6] = rows[6]!.replace(/^(\d+),([\d.]+),([\d.]+)/, '$1,$2,0.5');
    writeBinanceZip(dir, 'ETHBTC-1m-2025-01-01', rows.join('\n'));
    const error = await loadCandleFiles([join(dir, 'ETHBTC-1m-2025-01-01.zip')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CandleDataError);
    expect((error as Error).message).toMatch(
      /^ETHBTC-1m-2025-01-01\.zip:ETHBTC-1m-2025-01-01\.csv line 7: high\/low 0\.5\/.* do not bracket/,
    );
  });

  it('says which input matched nothing', async () => {
    const dir = tempDir();
    await expect(loadCandleFiles([join(dir, 'nothing-*.zip')])).rejects.toThrow(/pattern matches no/);
    await expect(loadCandleFiles([join(dir, 'missing.csv')])).rejects.toThrow(/no such file or folder/);
    await expect(loadCandleFiles([dir])).rejects.toThrow(/folder holds no/);
  });
});

describe('labelsFromFileName', () => {
  it.each([
    ['BTCUSDT-1m-2025-01.zip', 'BTC/USDT', '1m'],
    ['/data/ETHBTC-4h-2018-01-05.csv', 'ETH/BTC', '4h'],
    ['ETH_BTC-5m.json', 'ETH/BTC', '5m'],
    ['XRP_USDT_USDT-5m-futures.json', 'XRP/USDT', '5m'],
    ['freqtrade-orderflow-candles-5m.json', null, null],
    ['candles.csv', null, null],
  ])('%s → %s %s', (name, symbol, timeframe) => {
    expect(labelsFromFileName(name)).toEqual({ symbol, timeframe });
  });

  it('keeps the labels a file carries itself', async () => {
    const dir = tempDir();
    const path = join(dir, 'BTCUSDT-1m-2025-01.csv');
    writeFileSync(path, `symbol,timeframe,open_time,open,high,low,close,volume\nETH/USDT,1m,${Date.UTC(2025, 0, 1)},1,2,0.5,1,1\n`);
    const [series] = await loadCandleFiles([path]);
    expect(series).toMatchObject({ symbol: 'ETH/USDT', timeframe: '1m' });
  });
});
