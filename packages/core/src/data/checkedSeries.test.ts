import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../domain/market.js';
import { parseCandleText } from './candleFileParsing.js';
import { describeGap, findGaps, sinceLastGap } from './candleGaps.js';
import { CandleDataError } from './candleValidation.js';
import { checkSeries, joinSeries } from './checkedSeries.js';

const T = Date.UTC(2024, 0, 1);
const M5 = 300_000;
const bar = (i: number, price = 100): [number, number, number, number, number, number] => [
  T + i * M5,
  price,
  price + 1,
  price - 1,
  price + 0.5,
  10,
];
const series = (rows: unknown[], name = 'f.json') => parseCandleText(JSON.stringify(rows), name)[0]!;

function problemOf(rows: unknown[]): CandleDataError {
  try {
    checkSeries(series(rows), '5m');
  } catch (error) {
    expect(error).toBeInstanceOf(CandleDataError);
    return error as CandleDataError;
  }
  throw new Error('expected the series to be refused');
}

describe('checkSeries: one rule per problem, naming the row', () => {
  it.each([
    [
      'a repeated open time',
      [bar(0), bar(1), bar(1), bar(2)],
      'unique',
      /f\.json row 3 \(index 2\): open time 2024-01-01T00:05:00.000Z is a duplicate of f\.json row 2 \(index 1\)/,
    ],
    ['rows out of order', [bar(0), bar(2), bar(1)], 'ordered', /row 3 \(index 2\): open time .* comes after .*out of order/],
    ['a time off the 5m boundary', [bar(0), [T + M5 + 60_000, 1, 2, 0.5, 1, 1]], 'aligned', /row 2 .* not on a 5m boundary/],
    ['a high below the low', [[T, 100, 99, 101, 100, 1]], 'ohlc_range', /row 1 .* do not bracket/],
    ['a close above the high', [[T, 100, 101, 99, 102, 1]], 'ohlc_range', /bracket/],
    ['a negative price', [[T, -1, 2, 0.5, 1, 1]], 'positive_prices', /not all positive/],
    ['a negative volume', [[T, 1, 2, 0.5, 1, -3]], 'volume', /volume -3/],
  ])('refuses %s', (_name, rows, rule, message) => {
    const error = problemOf(rows);
    expect(error.context.rule).toBe(rule);
    expect(error.message).toMatch(message);
  });

  it('reports every broken row up to a few, with a count of the rest', () => {
    const error = problemOf([bar(0), bar(0), bar(1), bar(1), bar(2), bar(2)]);
    expect(error.context.problems).toBe(3);
    expect(error.message).toMatch(/and 2 more/);
  });
});

describe('checkSeries with repair', () => {
  it('sorts, keeps the first of repeated open times, and says what it changed', () => {
    const checked = checkSeries(series([bar(0), bar(2), bar(1), bar(1, 200)]), '5m', { repair: true });
    expect(checked.candles.map((c) => c.openTime)).toEqual([T, T + M5, T + 2 * M5]);
    expect(checked.candles[1]?.open).toBe(100);
    expect(checked.repairs).toMatchObject({ duplicatesDropped: 1, conflictingDuplicates: 1 });
    expect(checked.repairs?.examples[0]).toMatch(/row 4 \(index 3\) \(repeats f\.json row 3 \(index 2\), with different values\)/);
  });

  it('drops rows off the timeframe boundary and names them (Binance had such klines in its 2018 outage)', () => {
    const checked = checkSeries(series([bar(0), [T + 5 * 60_000 + 28 * 60_000, 1, 2, 0.5, 1, 1], bar(1)]), '5m', { repair: true });
    expect(checked.candles.map((c) => c.openTime)).toEqual([T, T + M5]);
    expect(checked.repairs).toMatchObject({ offBoundaryDropped: 1, duplicatesDropped: 0 });
    expect(checked.repairs?.examples[0]).toMatch(/row 2 \(index 1\) \(open time 2024-01-01T00:33:00\.000Z is not on a 5m boundary\)/);
  });

  it('still refuses what no reordering can fix', () => {
    expect(() => checkSeries(series([bar(1), [T, 100, 99, 101, 100, 1]]), '5m', { repair: true })).toThrow(/bracket/);
  });

  it('turns any permutation with repeats of a valid series back into it (property)', () => {
    const valid = Array.from({ length: 30 }, (_, i) => bar(i, 100 + i));
    const withRepeats = fc
      .array(fc.integer({ min: 0, max: 29 }), { maxLength: 10 })
      .map((extra) => [...valid.keys(), ...extra])
      .chain((indices) => fc.shuffledSubarray(indices, { minLength: indices.length }));
    fc.assert(
      fc.property(withRepeats, (order) => {
        const checked = checkSeries(series(order.map((i) => valid[i])), '5m', { repair: true });
        expect(checked.candles.map((c) => [c.openTime, c.open])).toEqual(valid.map((r) => [r[0], r[1]]));
      }),
    );
  });
});

describe('gaps', () => {
  const candles: Candle[] = [0, 1, 2, 75, 76].map((i) => ({
    openTime: T + i * M5,
    open: i < 75 ? 100 : 1000,
    high: 1001,
    low: 99,
    close: i < 75 ? 100 : 1000,
    volume: 1,
  }));

  it('finds each hole with its size and the price move across it', () => {
    const [gap] = findGaps(candles, '5m');
    expect(gap).toMatchObject({ from: T + 3 * M5, to: T + 74 * M5, missing: 72, priceChangePct: 900 });
    expect(describeGap(gap!)).toBe('2024-01-01 00:15 → 2024-01-01 06:10 UTC: 72 × 5m missing, price +900.0 % across it');
  });

  it('cuts a window after its newest gap', () => {
    expect(sinceLastGap(candles, '5m').window.map((c) => c.openTime)).toEqual([T + 75 * M5, T + 76 * M5]);
    expect(sinceLastGap(candles.slice(0, 3), '5m').gap).toBeNull();
  });
});

describe('joinSeries: files in time order', () => {
  const part = (rows: unknown[], name: string) => checkSeries(series(rows, name), '5m');

  it('joins files given in any order, drops identical overlaps and reports the hole between them', () => {
    const joined = joinSeries([
      part([bar(5), bar(6)], 'b.json'),
      part([bar(0), bar(1), bar(2)], 'a.json'),
      part([bar(2), bar(3)], 'a2.json'),
    ]);
    expect(joined.candles.map((c) => (c.openTime - T) / M5)).toEqual([0, 1, 2, 3, 5, 6]);
    expect(joined.overlapsDropped).toBe(1);
    expect(joined.gaps).toHaveLength(1);
    expect(joined.rowLabel(4)).toBe('b.json row 1 (index 0)');
  });

  it('refuses overlapping files that disagree, naming both rows', () => {
    expect(() => joinSeries([part([bar(0), bar(1)], 'a.json'), part([bar(1, 300)], 'b.json')])).toThrow(
      /b\.json row 1 \(index 0\).*overlaps a\.json row 2 \(index 1\) with different values/,
    );
  });
});
