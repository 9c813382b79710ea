import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EARLIEST_PLAUSIBLE_MS,
  epochToMs,
  epochUnitOf,
  LATEST_PLAUSIBLE_MS,
  parseDateText,
  TimeValueError,
  timeCellToMs,
} from './epochTime.js';

const T = Date.UTC(2025, 0, 1); // 1735689600000

describe('epoch numbers in any unit', () => {
  it.each([
    ['seconds', 1_735_689_600, 's'],
    ['milliseconds', 1_735_689_600_000, 'ms'],
    ['microseconds (Binance data files since 2025)', 1_735_689_600_000_000, 'us'],
    ['nanoseconds', 1_735_689_600_000_000_000, 'ns'],
  ] as const)('reads %s by magnitude', (_name, value, unit) => {
    expect(epochUnitOf(value)).toBe(unit);
    expect(epochToMs(value)).toBe(T);
  });

  it('reads every instant of 2000–2099 back from each unit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: EARLIEST_PLAUSIBLE_MS, max: LATEST_PLAUSIBLE_MS - 1 }), (ms) => {
        const whole = ms - (ms % 1000);
        expect(epochToMs(whole / 1000)).toBe(whole);
        expect(epochToMs(ms)).toBe(ms);
        expect(epochToMs(ms * 1000)).toBe(ms);
        expect(epochToMs(ms * 1e6)).toBe(ms);
      }),
    );
  });

  it('refuses a time outside 2000–2099, naming the unit it assumed', () => {
    expect(() => epochToMs(20240330)).toThrow(/read as seconds since 1970 is 1970-08-23.*outside the plausible range/);
    expect(() => epochToMs(9.9e16)).toThrow(/read as microseconds/);
    expect(() => epochToMs(-5)).toThrow(TimeValueError);
    expect(() => epochToMs(Number.NaN)).toThrow(TimeValueError);
  });
});

describe('ISO dates', () => {
  it('reads a zone-less date as UTC, whatever TZ the machine has', () => {
    expect(parseDateText('2024-03-31 02:30:00')).toBe(Date.UTC(2024, 2, 31, 2, 30));
    expect(parseDateText('2024-03-31T02:30')).toBe(Date.UTC(2024, 2, 31, 2, 30));
    expect(parseDateText('2024-03-31')).toBe(Date.UTC(2024, 2, 31));
  });

  it('honours an explicit zone', () => {
    expect(parseDateText('2024-03-31T02:30:00Z')).toBe(Date.UTC(2024, 2, 31, 2, 30));
    expect(parseDateText('2024-03-31T08:00:00+05:30')).toBe(Date.UTC(2024, 2, 31, 2, 30));
    expect(parseDateText('2024-03-30 21:30:00-0500')).toBe(Date.UTC(2024, 2, 31, 2, 30));
    expect(parseDateText('2024-03-31 02:30:00 UTC')).toBe(Date.UTC(2024, 2, 31, 2, 30));
    expect(parseDateText('2024-03-31T02:30:00.250Z')).toBe(Date.UTC(2024, 2, 31, 2, 30) + 250);
  });

  it('refuses impossible or ambiguous dates', () => {
    for (const text of ['2024-02-30', '2024-13-01 00:00', '2024-01-01 24:00', '03/04/2024', 'yesterday', '2024-01-01T00:00+25:00'])
      expect(() => parseDateText(text), text).toThrow(TimeValueError);
  });

  it('treats numeric text as an epoch number and anything else as a date', () => {
    expect(timeCellToMs('1735689600000000')).toBe(T);
    expect(timeCellToMs(' 1735689600 ')).toBe(T);
    expect(timeCellToMs('2025-01-01 00:00:00')).toBe(T);
    expect(() => timeCellToMs('')).toThrow(/missing/);
    expect(() => timeCellToMs(null)).toThrow(TimeValueError);
  });
});
