import { numberFromText } from './candleRows.js';

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** 10^0 … 10^15, read from text (exact doubles), so `m / POW10[k]` rounds once, like `Number(text)`. */
const POW10 = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));
/** Below 10^15 every integer of up to 15 digits is exact in a double (2^53 ≈ 9.007e15). */
const MAX_FAST_DIGITS = 15;

/**
 * The number `text[start, end)` means, without cutting it out of the text in the common case:
 * for a cell (`quoted`: a JSON string's content, a CSV cell) what `numberFromText` gives (NaN when
 * it is not a number), for a validated JSON number token what `Number` gives.
 *
 * Plain decimals (`-?digits(.digits)?`) of up to 15 digits are built from their digits: an integer
 * of up to 15 digits and a power of ten up to 10^15 are both exact doubles, and one IEEE division
 * rounds the exact quotient once, so the result is the correctly rounded value `Number` gives
 * (Clinger's fast path, "How to read floating point numbers accurately", PLDI 1990). Anything else
 * is cut out and goes through `numberFromText` / `Number`.
 */
export function decimalFromText(text: string, start: number, end: number, quoted: boolean): number {
  let i = start;
  const negative = text.charCodeAt(i) === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      if (fractionDigits >= 0) fractionDigits++;
    } else if (c === DOT && fractionDigits < 0 && digits > 0) fractionDigits = 0;
    else break;
  }
  if (i === end && digits > 0 && digits <= MAX_FAST_DIGITS && fractionDigits !== 0) {
    const value = fractionDigits > 0 ? mantissa / (POW10[fractionDigits] as number) : mantissa;
    return negative ? -value : value;
  }
  const slice = text.slice(start, end);
  return quoted ? numberFromText(slice) : Number(slice);
}
