import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanArrayRows } from './arrayRowsScanner.js';
import { parseCandleJson, parseCandleText } from './candleFileParsing.js';
import type { CandleSeries } from './candleRows.js';

const T = Date.UTC(2024, 0, 1);
const label = (i: number) => `x.json row ${i + 1} (index ${i})`;

/** What the general path (JSON.parse, then the row reader) makes of a text: its series or its error message. */
function general(text: string): { series: CandleSeries } | { error: string } {
  try {
    const [series] = parseCandleJson(text, 'x.json');
    return { series: series as CandleSeries };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The scanner's result must be the general path's, value for value (Object.is: -0 is not 0). */
function expectSameAsGeneral(text: string, scanned: CandleSeries): void {
  const expected = general(text);
  if ('error' in expected) throw new Error(`the scanner read a text the general path refuses (${expected.error}): ${text}`);
  expect(scanned.candles).toEqual(expected.series.candles);
  for (let i = 0; i < scanned.candles.length; i++) {
    const [a, b] = [scanned.candles[i], expected.series.candles[i]];
    for (const key of ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const)
      expect(Object.is(a?.[key], b?.[key]), `${key} of row ${i}`).toBe(true);
  }
  expect(scanned.timeNotations).toEqual(expected.series.timeNotations);
  expect(scanned.rowLabel(scanned.candles.length - 1)).toBe(expected.series.rowLabel(expected.series.candles.length - 1));
}

// Cells as candle files write them, the odd ones included.
const numberCell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.integer({ min: -1e6, max: 1e9 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 8 })).map(([n, d]) => (n / 10 ** d).toFixed(d)),
  fc.constantFrom('0', '-0', '1e3', '1.5E-7', '-0.0', '1e400', '123456789012345678', '0.1234567890123456789'),
);
const stringCell = fc.oneof(
  { arbitrary: numberCell.map((n) => `"${n}"`), weight: 8 },
  fc.constantFrom(
    '""',
    '" 12 "',
    '"+3"',
    '".5"',
    '"5."',
    '"0x1A"',
    '"Infinity"',
    '"abc"',
    '"1,5"',
    '"-"',
    '"1.2.3"',
    '"00012.50"',
    '"\\u0031"',
    '"2024-01-01"',
  ),
);
const timeCell = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 100_000 }).map((i) => String(T + i * 60_000)), weight: 6 },
  fc.integer({ min: 0, max: 1000 }).map((i) => `"${(T + i * 60_000) * 1000}"`),
  fc.integer({ min: 0, max: 1000 }).map((i) => String((T + i * 60_000) / 1000)),
  fc.constantFrom('20250101', '-1', '"2024-03-30 12:00"', '"2024-03-30T12:00Z"', '1.7e12', '1704067200000.5', '"soon"', 'null'),
);
const trailingCell = fc.oneof(
  stringCell,
  numberCell,
  fc.constantFrom(
    'null',
    'true',
    'false',
    '[]',
    '{}',
    '"a\\"b"',
    '"\\"',
    '"\\\\"',
    '"\\x"',
    'nul',
    '01',
    '1.',
    '-',
    '1x5',
    '2e',
    '1e+',
    '-01',
    '0.',
  ),
);
const space = fc.constantFrom('', '', '', ' ', '\n', '\r\n', '\t', '\u00a0');
const plausibleTime = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map((i) => String(T + i * 60_000)),
  fc.integer({ min: 0, max: 1000 }).map((i) => `"${T + i * 60_000}"`),
  fc.integer({ min: 0, max: 1000 }).map((i) => String((T + i * 60_000) * 1000)),
);
const cleanCell = fc.oneof(
  numberCell,
  numberCell.map((n) => `"${n}"`),
);
const cleanTrailing = fc.oneof(cleanCell, fc.constantFrom('null', 'true', 'false', '"a b"'));
// Mostly rows the scanner reads (so its values are compared), some with any cell at all.
const cleanRow = fc.tuple(
  plausibleTime,
  fc.array(cleanCell, { minLength: 5, maxLength: 5 }),
  fc.array(cleanTrailing, { maxLength: 7 }),
  space,
);
const wildRow = fc.tuple(
  timeCell,
  fc.array(fc.oneof(stringCell, numberCell), { minLength: 4, maxLength: 6 }),
  fc.array(trailingCell, { maxLength: 7 }),
  space,
);
const row = fc
  .oneof({ arbitrary: cleanRow, weight: 12 }, { arbitrary: wildRow, weight: 1 })
  .map(([time, cells, rest, ws]) => `[${ws}${[time, ...cells, ...rest].join(`,${ws}`)}${ws}]`);
const file = fc.tuple(fc.array(row, { maxLength: 6 }), space, space).map(([rows, a, b]) => `[${a}${rows.join(`,${a}`)}${b}]${b}`);

describe('scanArrayRows', () => {
  it("reads Binance's klines file layout itself, value for value as JSON.parse and the row reader", () => {
    const rows = [0, 1, 2].map(
      (i) =>
        `[${T + i * 60_000},"42000.1${i}","42010.00","41990.5","42005.01","12.34567000",${T + (i + 1) * 60_000 - 1},"518000.12",100,"6.1","256000.2","0"]`,
    );
    const text = `[${rows.join(',\n')}]\n`;
    const scanned = scanArrayRows(text, label);
    expect(scanned?.candles[0]).toEqual({ openTime: T, open: 42000.1, high: 42010, low: 41990.5, close: 42005.01, volume: 12.34567 });
    expectSameAsGeneral(text, scanned as CandleSeries);
  });

  it('reads [time, o, h, l, c, v] rows of JSON numbers and epoch seconds', () => {
    const text = JSON.stringify([
      [T / 1000, 1, 2, 0.5, 1.5, 0],
      [T / 1000 + 60, -0, 1e-7, 3, 2, 1.25],
    ]);
    const scanned = scanArrayRows(text, label);
    expect(scanned?.timeNotations).toEqual(['s']);
    expectSameAsGeneral(text, scanned as CandleSeries);
  });

  it('gives exactly what the general path gives, or leaves the text to it, for any array of rows (well-formed or not)', () => {
    fc.assert(
      fc.property(file, (text) => {
        const scanned = scanArrayRows(text, label);
        if (scanned !== null) expectSameAsGeneral(text, scanned);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves every cut-off or damaged text to the general path, which reports it', () => {
    fc.assert(
      fc.property(
        file,
        fc.nat(),
        fc.constantFrom('', ',', ']', '[', '"', 'x', '0', 'e', '.', '-', '\\', ' ', '\u0001'),
        (text, at, insert) => {
          const cut = at % (text.length + 1);
          const damaged = text.slice(0, cut) + insert + text.slice(cut + 1);
          const scanned = scanArrayRows(damaged, label);
          if (scanned !== null) expectSameAsGeneral(damaged, scanned);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parseCandleText gives the general path its errors: a bad cell still names its row and rule', () => {
    const text = JSON.stringify([
      [T, '1', '2', '0.5', '1.5', '3'],
      [T + 60_000, '1', 'two', '0.5', '1.5', '3'],
    ]);
    expect(scanArrayRows(text, label)).toBeNull();
    expect(() => parseCandleText(text, 'x.json')).toThrow(
      'x.json row 2 (index 1): high "two" is not a number (rule: price and volume cells are numbers)',
    );
  });
});
