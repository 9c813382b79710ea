import { describe, expect, it } from 'vitest';
import { parseCandleText } from './candleFileParsing.js';
import { CandleDataError } from './candleValidation.js';

const T = Date.UTC(2025, 0, 1);
const M5 = 300_000;

function thrown(fn: () => unknown): CandleDataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CandleDataError);
    return error as CandleDataError;
  }
  throw new Error('expected a CandleDataError');
}

describe('parseCandleText', () => {
  it("reads Binance's header-less kline CSV in microseconds (data.binance.vision since 2025)", () => {
    const rows = [0, 1].map(
      (i) => `${(T + i * M5) * 1000},100.1,101,99.5,100.5,12.5,${(T + (i + 1) * M5) * 1000 - 1},1250.1,42,6.1,610.2,0`,
    );
    const [series] = parseCandleText(rows.join('\r\n'), 'BTCUSDT-5m-2025-01-01.csv');
    expect(series?.candles.map((c) => c.openTime)).toEqual([T, T + M5]);
    expect(series?.candles[0]).toEqual({ openTime: T, open: 100.1, high: 101, low: 99.5, close: 100.5, volume: 12.5 });
    expect(series?.timeNotations).toEqual(['us']);
  });

  it('reads a labelled CSV with a header in any case and splits it by symbol and timeframe', () => {
    const text = [
      'Symbol,TimeFrame,Open_Time_Ms,Open,High,Low,Close,Volume',
      `A/USDT,5m,${T},1,2,0.5,1.5,3`,
      `B/USDT,5m,${T},10,20,5,15,30`,
    ].join('\n');
    const series = parseCandleText(text);
    expect(series.map((s) => s.symbol)).toEqual(['A/USDT', 'B/USDT']);
    expect(series.map((s) => s.timeframe)).toEqual(['5m', '5m']);
  });

  it('reads zone-less ISO dates as UTC and says so', () => {
    const [series] = parseCandleText(`date;open;high;low;close;volume\n2024-03-31 02:30:00;1;2;0.5;1.5;3\n`);
    expect(series?.candles[0]?.openTime).toBe(Date.UTC(2024, 2, 31, 2, 30));
    expect(series?.timeNotations).toEqual(['iso-utc-assumed']);
  });

  it('reads object rows, naming the pair from base/counter and the timeframe from sizeInMillis', () => {
    const rows = [
      {
        base: 'BTC',
        counter: 'USDT',
        openTimeInMillis: T,
        open: '1',
        high: '2',
        low: '0.5',
        close: '1.5',
        volume: '3',
        sizeInMillis: 60_000,
      },
    ];
    const [series] = parseCandleText(JSON.stringify(rows));
    expect(series).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1m' });
  });

  it('reads pandas column-oriented JSON', () => {
    const text = JSON.stringify({
      date: { 0: T, 1: T + M5 },
      open: { 0: 1, 1: 1 },
      high: { 0: 2, 1: 2 },
      low: { 0: 0.5, 1: 0.5 },
      close: { 0: 1, 1: 1 },
      volume: { 0: 1, 1: 1 },
    });
    expect(parseCandleText(text)[0]?.candles).toHaveLength(2);
  });

  it('names the CSV line, the column and the rule of a cell it cannot read', () => {
    const text = ['open_time,open,high,low,close,volume', `${T},1,2,0.5,1.5,3`, `${T + M5},1,two,0.5,1.5,3`].join('\n');
    const error = thrown(() => parseCandleText(text, 'bad.csv'));
    expect(error.message).toBe('bad.csv line 3: high "two" is not a number (rule: price and volume cells are numbers)');
    expect(error.context).toMatchObject({ row: 'bad.csv line 3', rule: 'number' });
  });

  it('names the JSON row of an implausible time, with the unit it assumed', () => {
    const error = thrown(() =>
      parseCandleText(
        JSON.stringify([
          [T, 1, 2, 0.5, 1, 1],
          [20250101, 1, 2, 0.5, 1, 1],
        ]),
        'x.json',
      ),
    );
    expect(error.message).toMatch(
      /^x\.json row 2 \(index 1\): open time 20250101 read as seconds since 1970 is 1970-08-23.*rule: open times are epoch/,
    );
  });

  it('refuses empty cells, a header without an open time column, a short row and broken JSON', () => {
    expect(thrown(() => parseCandleText(`open_time,open,high,low,close,volume\n${T},1,2,,1,1`)).message).toMatch(
      /line 2: low \(empty\) is not a number/,
    );
    expect(thrown(() => parseCandleText('close_time,open,high,low,close,volume\n1,1,1,1,1,1')).message).toMatch(
      /line 1: the header .* has no open time column/,
    );
    expect(thrown(() => parseCandleText(JSON.stringify([[T, 1, 2, 0.5]]))).message).toMatch(/row 1 \(index 0\): expected \[open time/);
    expect(thrown(() => parseCandleText('[[1,2')).context.rule).toBe('columns');
  });
});

describe('numberFromText', () => {
  it('reads decimal text and refuses what a candle cell never means', async () => {
    const { numberFromText } = await import('./candleRows.js');
    expect([' 12 ', '-0.5', '1e-7', '.5', '+3'].map(numberFromText)).toEqual([12, -0.5, 1e-7, 0.5, 3]);
    for (const text of ['', '  ', '0x1A', '0b1', 'Infinity', 'abc', '1,5']) expect(numberFromText(text), text).toBeNaN();
  });
});
