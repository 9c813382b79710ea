import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AssembledSeries, assembleSeries } from './assembleSeries.js';
import { parseCandleText } from './candleFileParsing.js';

// Small files in the shapes users bring (testing/user-files), each read through the one checked
// path a backtest uses: parseCandleText, then assembleSeries (timeframe, every rule, joins).
const DIR = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'user-files');
const T = Date.UTC(2024, 0, 1);
const M5 = 300_000;

function load(name: string): AssembledSeries[] {
  return assembleSeries([{ file: name, series: parseCandleText(readFileSync(join(DIR, name), 'utf8'), name) }]);
}

function refusal(name: string): string {
  try {
    load(name);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${name} was read; expected a refusal`);
}

describe('candle files as users bring them', () => {
  it('reads a header-less CSV that starts with a UTF-8 byte order mark (Excel, Windows editors)', () => {
    const [series] = load('bom-headerless.csv');
    expect(series?.candles.map((c) => c.openTime)).toEqual([T, T + M5, T + 2 * M5]);
    expect(series?.timeframe).toBe('5m');
  });

  it('reports date-only open times (1d candles) as written without a zone and read as UTC', () => {
    const [series] = load('date-only-1d.csv');
    expect(series?.timeframe).toBe('1d');
    expect(series?.candles[0]?.openTime).toBe(Date.UTC(2024, 2, 28));
    expect(series?.timeNotations).toEqual(['iso-utc-assumed']);
  });

  it('names pairs written as exchange symbols (BTCUSDT, BTC-USDT) as BASE/QUOTE, as --symbol does', () => {
    const series = load('exchange-symbols.csv');
    expect(series.map((s) => s.symbol).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(series.find((s) => s.symbol === 'ETH/USDT')?.candles[1]?.close).toBe(11);
  });

  it("reads a pandas CSV of python-binance klines: an index column, then 'Open time', 'Open', … 'Close time'", () => {
    const [series] = load('python-binance-dataframe.csv');
    expect(series?.candles.map((c) => c.openTime)).toEqual([T, T + M5, T + 2 * M5]);
    expect(series?.candles[1]).toEqual({ openTime: T + M5, open: 100.5, high: 102, low: 100, close: 101, volume: 11 });
  });

  it('reads candle objects whose keys are capitalised (Date, Open, High, Low, Close, Volume)', () => {
    const [series] = load('capitalised-keys.json');
    expect(series?.candles.map((c) => [c.openTime, c.close])).toEqual([
      [T, 100.5],
      [T + M5, 101],
    ]);
  });

  it('reads rows wrapped in an object ({"symbol", "timeframe", "data": [...]}) with the labels it gives', () => {
    const [series] = load('wrapped-rows.json');
    expect(series?.symbol).toBe('ETH/USDT');
    expect(series?.timeframe).toBe('5m');
    expect(series?.candles.map((c) => c.openTime)).toEqual([T, T + M5, T + 2 * M5]);
    expect(series?.rowLabel(2)).toBe('wrapped-rows.json data row 3 (index 2)');
  });

  it('refuses an object holding several arrays, naming them, rather than guessing which holds candles', () => {
    const text = JSON.stringify({ spot: [[T, 1, 2, 0.5, 1.5, 3]], futures: [[T, 1, 2, 0.5, 1.5, 3]] });
    expect(() => parseCandleText(text, 'two.json')).toThrow(/two\.json file: the object holds several arrays \(spot, futures\)/);
    // An empty `error` list beside the rows is not a second candidate.
    const [series] = parseCandleText(JSON.stringify({ error: [], result: [[T, 1, 2, 0.5, 1.5, 3]] }), 'api.json');
    expect(series?.candles).toHaveLength(1);
  });

  it('reads quoted cells that hold the separator, without shifting the columns after them', () => {
    const text = [
      'note,id,time,open,high,low,close,volume',
      `"spot, Binance",7,${T},100,101,99,100.5,10`,
      `"spot, ""main""",8,${T + M5},100.5,102,100,101,11`,
    ].join('\n');
    const [series] = assembleSeries([{ file: 'quoted.csv', series: parseCandleText(text, 'quoted.csv') }]);
    expect(series?.candles).toEqual([
      { openTime: T, open: 100, high: 101, low: 99, close: 100.5, volume: 10 },
      { openTime: T + M5, open: 100.5, high: 102, low: 100, close: 101, volume: 11 },
    ]);
  });

  it('refuses numbers written with thousands separators, naming the cell as written', () => {
    expect(refusal('thousands-separators.csv')).toBe(
      'thousands-separators.csv line 2: open "43,519.34" is not a number (commas in numbers are not read: thousands separators and decimal commas look alike; write 43519.34) (rule: price and volume cells are numbers)',
    );
  });
  it('tells monthly candles (1M) from their calendar-month open times, though months differ in length', () => {
    const [series] = load('monthly-unlabelled.json');
    expect(series?.timeframe).toBe('1M');
    expect(series?.candles).toHaveLength(14);
    expect(series?.gaps).toEqual([]);
  });

  it('refuses a spacing no timeframe has (1 s candles), listing the timeframes it can backtest', () => {
    expect(refusal('one-second.json')).toBe(
      'one-second.json: cannot tell the timeframe: the most common spacing between rows is 1 s, which is not a timeframe Warden backtests (1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M)',
    );
  });
  it('says when the times look like close times (1 ms before a boundary), as an exporter may write them', () => {
    const text = ['timestamp,open,high,low,close,volume', ...[1, 2, 3].map((i) => `${T + i * M5 - 1},100,101,99,100.5,10`)].join('\n');
    expect(() => assembleSeries([{ file: 'close.csv', series: parseCandleText(text, 'close.csv') }])).toThrow(
      'close.csv line 2: open time 2024-01-01T00:04:59.999Z is not on a 5m boundary (it is 1 ms before one: these look like close times; the file needs the open times) (rule: open times sit on the timeframe boundary (UTC))',
    );
  });
  it('reads JSON lines (one row per line), naming rows by line', () => {
    const text = [0, 1, 2].map((i) => JSON.stringify({ t: T + i * M5, o: 100, h: 101, l: 99, c: 100.5, v: i === 2 ? -1 : 10 })).join('\n');
    expect(() => assembleSeries([{ file: 'rows.jsonl', series: parseCandleText(text, 'rows.jsonl') }])).toThrow(
      /^rows\.jsonl line 3: volume -1 is not a non-negative number/,
    );
    const [series] = parseCandleText(
      `${[0, 1].map((i) => JSON.stringify([T + i * M5, 100, 101, 99, 100.5, 10])).join('\r\n')}\r\n`,
      'a.json',
    );
    expect(series?.candles.map((c) => c.openTime)).toEqual([T, T + M5]);
    expect(() => parseCandleText(`[${T},1,2,0.5,1.5,3]\n[${T + M5},1,2`, 'cut.json')).toThrow(/^cut\.json line 2: not valid JSON/);
  });

  it('reads CSV with old Mac line ends (a carriage return alone)', () => {
    const text = ['time,open,high,low,close,volume', `${T},100,101,99,100.5,10`, `${T + M5},100.5,102,100,101,11`].join('\r');
    const [series] = parseCandleText(text, 'mac.csv');
    expect(series?.candles.map((c) => c.openTime)).toEqual([T, T + M5]);
  });

  it('refuses UTF-16 text (Excel\'s "Unicode text") saying so, not with a garbled header', () => {
    const utf16 = Buffer.from(`\ufefftime\topen\thigh\tlow\tclose\tvolume\n${T}\t1\t2\t0.5\t1.5\t3\n`, 'utf16le');
    expect(() => parseCandleText(utf16.toString('utf8'), 'excel.csv')).toThrow(/^excel\.csv file: the text is UTF-16/);
  });

  it('names a header repeated inside the file (files joined end to end)', () => {
    const header = 'time,open,high,low,close,volume';
    const text = [header, `${T},100,101,99,100.5,10`, header, `${T + M5},100.5,102,100,101,11`].join('\n');
    expect(() => parseCandleText(text, 'cat.csv')).toThrow(/^cat\.csv line 3: the header is repeated here/);
  });
  it("refuses Kraken's OHLC rows ([time, open, high, low, close, vwap, volume, count]) rather than read the vwap as volume", () => {
    const S = T / 1000;
    const kraken = [0, 1, 2].map((i) => [S + i * 300, '100.0', '101.0', '99.0', '100.5', '100.2', '3.5', 12]);
    expect(() => parseCandleText(JSON.stringify(kraken), 'kraken.json')).toThrow(
      /^kraken\.json row 1 \(index 0\): rows of 8 cells whose 6th cell lies inside every bar's low–high/,
    );
    // Eight cells with a volume that is no price (Bitget: [ts, o, h, l, c, baseVol, quoteVol, usdtVol]) read as usual.
    const bitget = [0, 1].map((i) => [String(T + i * M5), '100.0', '101.0', '99.0', '100.5', '3.5', '350', '350']);
    expect(parseCandleText(JSON.stringify(bitget), 'bitget.json')[0]?.candles[1]?.volume).toBe(3.5);
  });
  it("reads CryptoDataDownload's CSV: a title line, newest first (sorted only with --repair), base volume 'Volume ETH'", () => {
    expect(refusal('cryptodatadownload-ethbtc.csv')).toMatch(/line 4: open time .* out of order/);
    const [series] = assembleSeries(
      [{ file: 'cdd.csv', series: parseCandleText(readFileSync(join(DIR, 'cryptodatadownload-ethbtc.csv'), 'utf8'), 'cdd.csv') }],
      { repair: true },
    );
    expect(series?.symbol).toBe('ETH/BTC');
    expect(series?.candles.map((c) => [c.openTime, c.volume])).toEqual([
      [T, 110],
      [T + M5, 98.25],
      [T + 2 * M5, 120.5],
    ]);
  });

  it("reads Kaggle's Bitstamp CSV, taking Volume_(BTC) and not Volume_(Currency) as the volume", () => {
    const [series] = load('bitstamp-kaggle.csv');
    expect(series?.timeframe).toBe('1m');
    expect(series?.candles.map((c) => c.volume)).toEqual([1.5, 0.7]);
  });

  it('refuses several volume columns it cannot tell apart, naming them', () => {
    const text = `time,open,high,low,close,volume_a,volume_b\n${T},1,2,0.5,1.5,3,4\n`;
    expect(() => parseCandleText(text, 'v.csv')).toThrow(/^v\.csv line 1: the header has several volume columns \(volume_a, volume_b\)/);
  });
  it('reads pandas frames whose times are the (unnamed) index: to_csv and to_json', () => {
    const csv = `,open,high,low,close,volume\n2024-01-01 00:00:00,100,101,99,100.5,10\n2024-01-01 00:05:00,100.5,102,100,101,11\n`;
    expect(parseCandleText(csv, 'index.csv')[0]?.candles.map((c) => [c.openTime, c.close])).toEqual([
      [T, 100.5],
      [T + M5, 101],
    ]);
    const json = JSON.stringify({
      open: { [T]: 100, [T + M5]: 100.5 },
      high: { [T]: 101, [T + M5]: 102 },
      low: { [T]: 99, [T + M5]: 100 },
      close: { [T]: 100.5, [T + M5]: 101 },
      volume: { [T]: 10, [T + M5]: 11 },
    });
    const [series] = parseCandleText(json, 'index.json');
    expect(series?.candles.map((c) => [c.openTime, c.volume])).toEqual([
      [T, 10],
      [T + M5, 11],
    ]);
    expect(series?.rowLabel(1)).toBe(`index.json row 2 (key "${T + M5}")`);
  });

  it("reads pandas to_json(orient='split'): column names, then rows", () => {
    const json = JSON.stringify({
      columns: ['date', 'open', 'high', 'low', 'close', 'volume'],
      index: [0, 1],
      data: [
        [T, 100, 101, 99, 100.5, 10],
        [T + M5, 100.5, 102, 100, 101, 11],
      ],
    });
    expect(parseCandleText(json, 'split.json')[0]?.candles.map((c) => c.close)).toEqual([100.5, 101]);
  });
  it('says a JSON object that holds no candles is not candle data (a config file in a data folder)', () => {
    expect(() => parseCandleText('{"name":"grid","levels":5}', 'config.json')).toThrow(
      'config.json file: not candle data: an object with no time column and no array of rows (has name, levels)',
    );
  });
  it('refuses a series labelled with a timeframe its rows never show (labelled 5m, rows 1h apart)', () => {
    const H = 3_600_000;
    const rows = [0, 1, 2, 3].map((i) => ({ symbol: 'BTC/USDT', timeframe: '5m', t: T + i * H, o: 1, h: 2, l: 0.5, c: 1.5, v: 3 }));
    expect(() => assembleSeries([{ file: 'label.json', series: parseCandleText(JSON.stringify(rows), 'label.json') }])).toThrow(
      'label.json: the rows are labelled 5m but no two of them are 5m apart (the closest two are 1h apart): the label is wrong',
    );
  });
});
