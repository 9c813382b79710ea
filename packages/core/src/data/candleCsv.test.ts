import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCandleCsv } from './candleCsv.js';
import type { CandleSeries } from './candleRows.js';

const T = Date.UTC(2024, 0, 1);

/** Series (candles, labels, notations, row names) or the error message, so two readings can be compared. */
function read(text: string, scan: boolean): { series: CandleSeries[] } | { error: string } {
  try {
    return { series: parseCandleCsv(text, 'x.csv ', { scan }) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function expectSameReading(text: string): void {
  const scanned = read(text, true);
  const general = read(text, false);
  if ('error' in general) {
    expect(scanned).toEqual(general);
    return;
  }
  if ('error' in scanned) throw new Error(`the scan refused a file the general path reads (${scanned.error}): ${JSON.stringify(text)}`);
  expect(scanned.series.map((s) => [s.symbol, s.timeframe, s.timeNotations])).toEqual(
    general.series.map((s) => [s.symbol, s.timeframe, s.timeNotations]),
  );
  for (const [i, s] of scanned.series.entries()) {
    const g = general.series[i] as CandleSeries;
    expect(s.candles).toEqual(g.candles);
    for (const [j, c] of s.candles.entries())
      for (const key of ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const)
        expect(Object.is(c[key], g.candles[j]?.[key]), `${key} of candle ${j}`).toBe(true);
    for (let j = 0; j < s.candles.length; j++) expect(s.rowLabel(j)).toBe(g.rowLabel(j));
  }
}

const plainNumber = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 8 })).map(([n, d]) => (n / 10 ** d).toFixed(d)),
  fc.double({ noNaN: true }).map(String),
  fc.constantFrom('0', '-0', '1e3', '007.50', '123456789012345678', '0.1234567890123456789', '-12.5'),
);
const oddCell = fc.constantFrom(
  '',
  ' 12 ',
  '1 2',
  '12 34',
  '"12.5"',
  '" 3 "',
  '+3',
  '.5',
  '5.',
  'abc',
  '\u00a012',
  '12\u00a0',
  '0x1A',
  'Infinity',
  '2024-01-01',
  '\ufeff5',
  '1,5',
);
const cell = fc.oneof({ arbitrary: plainNumber, weight: 10 }, { arbitrary: oddCell, weight: 1 });
const time = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 50_000 }).map((i) => String(T + i * 60_000)), weight: 8 },
  { arbitrary: fc.integer({ min: 0, max: 500 }).map((i) => String((T + i * 60_000) * 1000)), weight: 2 },
  fc.constantFrom('2024-03-30 12:00', '20250101', '', ' ', '"1704067200000"', '\ufeff1704067200000'),
);
const lineEnd = fc.constantFrom('\n', '\n', '\r\n');
const separator = fc.constantFrom(',', ';', '\t');

const headerless = fc
  .tuple(separator, fc.array(fc.tuple(time, fc.array(cell, { minLength: 4, maxLength: 11 }), lineEnd, fc.boolean()), { maxLength: 8 }))
  .map(([sep, rows]) =>
    rows.map(([t, cells, end, blankAfter]) => `${[t, ...cells].join(sep)}${end}${blankAfter ? `  ${end}` : ''}`).join(''),
  );
const withHeader = fc
  .tuple(
    separator,
    fc.constantFrom(
      'open_time,open,high,low,close,volume',
      'Timestamp,Open,High,Low,Close,Volume,Extra',
      'date,close,open,volume,low,high',
      'symbol,timeframe,open_time,open,high,low,close,volume',
    ),
    fc.array(fc.tuple(time, fc.array(cell, { minLength: 5, maxLength: 7 }), lineEnd), { maxLength: 8 }),
  )
  .map(([sep, header, rows]) => {
    const labelled = header.startsWith('symbol');
    return `${header.replaceAll(',', sep)}\n${rows.map(([t, cells, end]) => `${labelled ? `A/USDT${sep}5m${sep}` : ''}${[t, ...cells].join(sep)}${end}`).join('')}`;
  });

describe('parseCandleCsv reading rows in place', () => {
  it("reads Binance's header-less kline rows in place, value for value as the general path", () => {
    const rows = [0, 1].map(
      (i) =>
        `${(T + i * 60_000) * 1000},42000.1${i},42010.00,41990.5,42005.01,12.34567000,${(T + (i + 1) * 60_000) * 1000 - 1},518000.12,100,6.1,256000.2,0`,
    );
    const text = `${rows.join('\r\n')}\r\n`;
    expect(parseCandleCsv(text, '')[0]?.candles[0]).toEqual({
      openTime: T,
      open: 42000.1,
      high: 42010,
      low: 41990.5,
      close: 42005.01,
      volume: 12.34567,
    });
    expectSameReading(text);
  });

  it('gives exactly what the general path gives (candles, labels, row names, errors) for any CSV', () => {
    fc.assert(
      fc.property(fc.oneof(headerless, withHeader), (text) => expectSameReading(text)),
      { numRuns: 2000 },
    );
  });
});
