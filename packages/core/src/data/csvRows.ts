import { decimalFromText } from './decimalText.js';

/** Where each field is in a row (-1: the file has no such column). */
export interface CsvColumns {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly symbol: number;
  readonly timeframe: number;
}

/** The lines of a text as `text.split('\n')` gives them, by position (no string per line until asked). */
export class LineCursor {
  /** Index of the current line (0-based), -1 before the first. */
  index = -1;
  /** Where the current line starts and ends in the text (the end is its `\n` or the end of the text). */
  start = 0;
  end = -1;
  /** True once `next` has gone past the last line. */
  done = false;

  constructor(private readonly source: string) {}

  /** Moves to the next line; false (and `done`) when there is none. */
  next(): boolean {
    if (this.end >= this.source.length) {
      this.done = true;
      return false;
    }
    this.index++;
    this.start = this.end + 1;
    const nl = this.source.indexOf('\n', this.start);
    this.end = nl < 0 ? this.source.length : nl;
    return true;
  }

  /** The current line's text. */
  text(): string {
    return this.source.slice(this.start, this.end);
  }
}

const SEPARATOR_CODE: Record<string, number> = { ',': 44, ';': 59, '\t': 9 };

/**
 * Reads the six numbers of a row in place, each cell as it stands between separators, when
 * `numberFromText` reads every one of them; `read` says false otherwise (a short row, a quoted or
 * empty cell, a date, a bad number) and the row takes the general path, which names any error.
 * The numbers are exactly the general path's: `numberFromText` skips the blanks `cellAt` trims
 * (the carriage return of a CRLF file included), and a row with a quote anywhere up to its last
 * wanted cell goes the general way (a quoted cell may hold the separator).
 */
export class PlainRowReader {
  readonly values = [0, 0, 0, 0, 0, 0];
  readonly #wanted: readonly number[];
  readonly #last: number;
  readonly #starts: number[];
  readonly #ends: number[];
  readonly #separator: number;

  constructor(
    private readonly text: string,
    separator: string,
    columns: CsvColumns,
  ) {
    this.#wanted = [columns.time, columns.open, columns.high, columns.low, columns.close, columns.volume];
    this.#last = Math.max(...this.#wanted);
    this.#starts = new Array<number>(this.#last + 1).fill(0);
    this.#ends = new Array<number>(this.#last + 1).fill(0);
    this.#separator = SEPARATOR_CODE[separator] ?? 44;
  }

  /** Reads the row `text[start, end)` into `values` (open time, open, high, low, close, volume); false to leave it to the general path. */
  read(start: number, end: number): boolean {
    const text = this.text;
    let cell = 0;
    let cellStart = start;
    for (let p = start; p <= end && cell <= this.#last; p++) {
      const code = text.charCodeAt(p);
      // A quote may hide a separator and shift every cell after it: the general path splits it.
      if (code === 34) return false;
      if (p === end || code === this.#separator) {
        this.#starts[cell] = cellStart;
        this.#ends[cell] = p;
        cell++;
        cellStart = p + 1;
      }
    }
    if (cell <= this.#last) return false; // a short row
    for (let k = 0; k < 6; k++) {
      const column = this.#wanted[k] as number;
      const value = decimalFromText(text, this.#starts[column] as number, this.#ends[column] as number, true);
      if (Number.isNaN(value)) return false;
      this.values[k] = value;
    }
    return true;
  }
}

/**
 * Cells of a line that holds double quotes, split as RFC 4180 does: a separator inside quotes is
 * text, `""` inside quotes is one quote, and the quotes around a cell are removed. Cells are trimmed.
 */
export function splitQuotedCells(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}
