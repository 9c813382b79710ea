import { type CandleSeries, SeriesBuilder } from './candleRows.js';
import { decimalFromText } from './decimalText.js';

// Character codes the scanner compares against.
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const OPEN = 91;
const CLOSE = 93;

/**
 * Reads a JSON array of array rows — Binance's klines (`[openTime, "open", "high", "low",
 * "close", "volume", closeTime, …]`) and `[time, o, h, l, c, v]` — straight from the text, without
 * building the half a million arrays and six million strings `JSON.parse` would (on a year of 1m
 * candles that is about 1 s of CPU and most of the process's garbage).
 *
 * It gives exactly what `JSON.parse` followed by the row reader gives, or nothing: it returns
 * null as soon as the text is not such an array of rows, or holds anything the scanner does not
 * read itself (a string with an escape, a nested value, a row shorter than six cells, a cell that is
 * not a number, an implausible time, malformed JSON). The caller then takes the general path, which
 * reports the error (or reads the exotic file). So errors and their wording come from one place.
 *
 * Numbers: a JSON number token or a string cell is converted to the same double `Number(text)`
 * (and `numberFromText`) gives, by `decimalFromText`.
 * @param text the file's text, leading whitespace already trimmed (as the general path trims it).
 * @param labelOf names row i in errors the series reports later (`x.json row 60 (index 59)`).
 */
export function scanArrayRows(text: string, labelOf: (row: number) => string): CandleSeries | null {
  try {
    return scan(text, labelOf);
  } catch {
    // A cell the series refused (an implausible time): the general path names it.
    return null;
  }
}

function scan(text: string, labelOf: (row: number) => string): CandleSeries | null {
  const end = text.length;
  if (text.charCodeAt(0) !== OPEN) return null;
  let p = skipSpace(text, 1);
  if (text.charCodeAt(p) !== OPEN) return null;
  const series = new SeriesBuilder(null, null, labelOf);
  const cells = [0, 0, 0, 0, 0, 0];
  for (let row = 0; ; row++) {
    p++; // past the row's '['
    for (let k = 0; ; k++) {
      p = skipSpace(text, p);
      const c = text.charCodeAt(p);
      let value = Number.NaN;
      let next: number;
      if (c === QUOTE) {
        const start = p + 1;
        next = stringEnd(text, start, end);
        if (next < 0) return null;
        if (k < 6) value = decimalFromText(text, start, next, true);
        next++; // past the closing quote
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        next = numberTokenEnd(text, p, end);
        if (next < 0) return null;
        if (k < 6) value = decimalFromText(text, p, next, false);
      } else if (k >= 6) {
        next = literalEnd(text, p);
        if (next < 0) return null;
      } else return null;
      if (k < 6) {
        if (Number.isNaN(value)) return null;
        cells[k] = value;
      }
      p = skipSpace(text, next);
      const d = text.charCodeAt(p);
      if (d === COMMA) {
        p++;
        continue;
      }
      // Rows of eight cells may be Kraken's, with a vwap where the volume is: the general path checks.
      if (d === CLOSE && k >= 5 && !(row === 0 && k === 7)) break;
      return null;
    }
    series.addNumbers(
      row,
      cells[0] as number,
      cells[1] as number,
      cells[2] as number,
      cells[3] as number,
      cells[4] as number,
      cells[5] as number,
    );
    p = skipSpace(text, p + 1);
    const d = text.charCodeAt(p);
    if (d === COMMA) {
      p = skipSpace(text, p + 1);
      if (text.charCodeAt(p) !== OPEN) return null;
      continue;
    }
    if (d === CLOSE) return skipSpace(text, p + 1) === end ? series.build() : null;
    return null;
  }
}

/** Past JSON whitespace (space, tab, line feed, carriage return). */
function skipSpace(text: string, p: number): number {
  for (;;) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 10 || c === 13 || c === 9) p++;
    else return p;
  }
}

/** Index of the closing quote of a string starting at `start`, or -1 for an escape, a control character or no end. */
function stringEnd(text: string, start: number, end: number): number {
  for (let q = start; q < end; q++) {
    const c = text.charCodeAt(q);
    if (c === QUOTE) return q;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}

/** End of a JSON number token at p (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1 when it is not one. */
function numberTokenEnd(text: string, p: number, end: number): number {
  let q = p;
  if (text.charCodeAt(q) === MINUS) q++;
  const first = text.charCodeAt(q);
  if (first === ZERO) q++;
  else if (first > ZERO && first <= NINE) q = digitsEnd(text, q + 1);
  else return -1;
  if (text.charCodeAt(q) === DOT) {
    const after = digitsEnd(text, q + 1);
    if (after === q + 1) return -1;
    q = after;
  }
  const e = text.charCodeAt(q);
  if (e === 101 || e === 69) {
    q++;
    const sign = text.charCodeAt(q);
    if (sign === PLUS || sign === MINUS) q++;
    const after = digitsEnd(text, q);
    if (after === q) return -1;
    q = after;
  }
  return q <= end ? q : -1;
}

function digitsEnd(text: string, q: number): number {
  for (;;) {
    const c = text.charCodeAt(q);
    if (c >= ZERO && c <= NINE) q++;
    else return q;
  }
}

/** End of `true`, `false` or `null` at p, or -1. */
function literalEnd(text: string, p: number): number {
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, p)) return p + word.length;
  return -1;
}
