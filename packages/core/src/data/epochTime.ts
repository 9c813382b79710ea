/**
 * Open times as candle files write them: epoch numbers in seconds, milliseconds, microseconds or
 * nanoseconds, or ISO-8601 dates with or without a zone. Everything becomes epoch milliseconds UTC.
 *
 * Units are told apart by magnitude. Between 2000 and 2100 an epoch time is 9.5e8–4.1e9 in seconds,
 * 9.5e11–4.1e12 in ms, 9.5e14–4.1e15 in µs and 9.5e17–4.1e18 in ns: the ranges are three orders of
 * magnitude apart, so the bands below cannot confuse one unit for another for any plausible time.
 * Binance's public data files switched from ms to µs on 2025-01-01 (data.binance.vision), which is
 * why a file's unit is never assumed.
 */

export type EpochUnit = 's' | 'ms' | 'us' | 'ns';

/** Earliest open time accepted (2000-01-01T00:00Z): before it a value was read in the wrong unit. */
export const EARLIEST_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
/** Latest open time accepted (2100-01-01T00:00Z, exclusive). */
export const LATEST_PLAUSIBLE_MS = Date.UTC(2100, 0, 1);

const UNIT_NAMES: Record<EpochUnit, string> = { s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds' };

/** The unit an epoch number is read in: below 1e11 seconds, below 1e14 ms, below 1e17 µs, else ns. */
export function epochUnitOf(value: number): EpochUnit {
  if (value < 1e11) return 's';
  if (value < 1e14) return 'ms';
  if (value < 1e17) return 'us';
  return 'ns';
}

/** Human name of a unit, for messages ("microseconds"). */
export function epochUnitName(unit: EpochUnit): string {
  return UNIT_NAMES[unit];
}

/** Why a time cell could not become an open time; the parser adds where (row, column). */
export class TimeValueError extends Error {}

/**
 * Epoch number in any unit → epoch ms. Nanoseconds are rounded to the millisecond (a double cannot
 * hold them exactly anyway); other units keep any fraction, so a time that is not a whole
 * millisecond is caught by validation instead of being silently rounded onto a boundary.
 * @throws TimeValueError when the value is not finite, negative, or outside 2000–2100 in the unit
 * its magnitude implies (the message names that unit and the date it would mean).
 */
export function epochToMs(value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new TimeValueError(`open time ${value} is not a non-negative epoch number`);
  const unit = epochUnitOf(value);
  const ms = unit === 's' ? value * 1000 : unit === 'ms' ? value : unit === 'us' ? value / 1000 : Math.round(value / 1e6);
  if (ms < EARLIEST_PLAUSIBLE_MS || ms >= LATEST_PLAUSIBLE_MS) {
    throw new TimeValueError(
      `open time ${value} read as ${UNIT_NAMES[unit]} since 1970 is ${describeInstant(ms)}, outside the plausible range 2000–2099`,
    );
  }
  return ms;
}

function describeInstant(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString();
}

// YYYY-MM-DD, optionally a time (T or space) with seconds and a fraction, optionally a zone.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * An ISO-8601 date → epoch ms. A date without a zone is **UTC**, whatever the machine's `TZ`:
 * exchanges, pandas and freqtrade write zone-less times in UTC, and reading them in local time
 * would move every candle with the machine and repeat an hour when the clocks go back.
 * Accepts `2024-03-30`, `2024-03-30 12:00`, `2024-03-30T12:00:00.5`, `…Z`, `…+05:30`, `… UTC`.
 * @throws TimeValueError for anything else (other layouts are ambiguous: 03/04/2024), and for
 * impossible dates (2024-02-30) or times outside 2000–2099.
 */
export function parseDateText(text: string): number {
  const m = ISO_DATE.exec(text.trim());
  if (!m) throw new TimeValueError(`"${text}" is not an ISO-8601 date (YYYY-MM-DD[ HH:MM[:SS[.fff]]][Z|±HH:MM]) or an epoch number`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = ''] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    month < 1 ||
    month > 12 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    check.getUTCDate() !== day ||
    check.getUTCMonth() !== month - 1
  ) {
    throw new TimeValueError(`"${text}" is not a valid date`);
  }
  const fractionMs = frac === '' ? 0 : Number(`0.${frac}`) * 1000;
  const ms = wall + fractionMs - zoneOffsetMs(zone);
  if (ms < EARLIEST_PLAUSIBLE_MS || ms >= LATEST_PLAUSIBLE_MS)
    throw new TimeValueError(`"${text}" is outside the plausible range 2000–2099`);
  return ms;
}

function zoneOffsetMs(zone: string): number {
  if (zone === '' || zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 14 || minutes > 59) throw new TimeValueError(`zone offset "${zone}" is not valid`);
  return sign * (hours * 60 + minutes) * 60_000;
}

const EPOCH_TEXT = /^\s*\d+(\.\d+)?([eE][+]?\d+)?\s*$/;

/**
 * A time cell of any kind: an epoch number (any unit) or date text. Numeric strings are epoch numbers.
 * @throws TimeValueError as `epochToMs` / `parseDateText` do.
 */
export function timeCellToMs(cell: unknown): number {
  if (typeof cell === 'number') return epochToMs(cell);
  if (typeof cell === 'string' && cell.trim() !== '') return EPOCH_TEXT.test(cell) ? epochToMs(Number(cell)) : parseDateText(cell);
  throw new TimeValueError(`open time ${cell === undefined || cell === '' ? 'is missing' : `${JSON.stringify(cell)} is not a time`}`);
}
