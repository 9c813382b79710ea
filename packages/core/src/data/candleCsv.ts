import { findKey, keyName, OHLCV_KEYS, SYMBOL_KEYS, TIME_KEYS, TIMEFRAME_KEYS } from './candleKeys.js';
import { type CandleSeries, fail, pairName, SeriesSplitter } from './candleRows.js';
import { type CsvColumns, LineCursor, PlainRowReader, splitQuotedCells } from './csvRows.js';

/**
 * CSV candles, with or without a header:
 * - with a header: an open time column (`open_time`, `timestamp`, `date`, … see TIME_KEYS), `open`,
 *   `high`, `low`, `close`, `volume`, and optional `symbol`/`timeframe` columns that split the file
 *   into several series;
 * - without a header (the first cell is a number): Binance's kline layout, as in its public data
 *   files (data.binance.vision): `open_time, open, high, low, close, volume, close_time, …`.
 * The separator is `,`, `;` or a tab, whichever the first line uses most. Cells may be quoted.
 * Rows are named by their line in the file (1-based, header included). Rows of plain numbers are
 * read in place (`PlainRowReader`), every other row through `cellAt` and the series' checks.
 * @param options.scan false reads every row the general way (what the in-place reading is tested against).
 * @throws CandleDataError naming the line and the rule for a missing column or a bad cell.
 */
export function parseCandleCsv(text: string, source: string, options: { readonly scan?: boolean } = {}): CandleSeries[] {
  const where = (line: number) => `${source}line ${line}`;
  // Old Mac line ends: a carriage return alone ends each line.
  if (!text.includes('\n') && text.includes('\r')) text = text.replace(/\r/g, '\n');
  const lines = new LineCursor(text);
  // The first line that is not blank: the header, or the first row of a header-less file.
  while (lines.next() && lines.text().trim() === '');
  if (lines.done) return [];
  // A title line above the header (CryptoDataDownload's `https://www.CryptoDataDownload.com`): one
  // cell, then a line of six or more. It holds no candle, so passing over it drops nothing.
  if (isTitle(lines.text())) {
    const peek = new LineCursor(text);
    while (peek.index < lines.index) peek.next();
    while (peek.next() && peek.text().trim() === '');
    if (!peek.done && splitCells(peek.text(), pickSeparator(peek.text())).length >= 6) while (lines.index < peek.index) lines.next();
  }
  const first = lines.index;
  const firstLine = lines.text();
  const separator = pickSeparator(firstLine);
  const headerCells = splitCells(firstLine, separator);
  const headerless = /^\s*\d/.test(headerCells[0] ?? '');
  let columns: CsvColumns;
  if (headerless) {
    if (headerCells.length < 6)
      throw fail(
        where(first + 1),
        'columns',
        `a header-less CSV needs Binance's kline columns (open time, open, high, low, close, volume, …); found ${headerCells.length}`,
      );
    columns = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, symbol: -1, timeframe: -1 };
  } else {
    const find = (keys: readonly string[]) => findKey(headerCells, keys);
    columns = {
      time: find(TIME_KEYS),
      open: find(OHLCV_KEYS.open),
      high: find(OHLCV_KEYS.high),
      low: find(OHLCV_KEYS.low),
      close: find(OHLCV_KEYS.close),
      volume: find(OHLCV_KEYS.volume),
      symbol: find(SYMBOL_KEYS),
      timeframe: find(TIMEFRAME_KEYS),
    };
    // pandas writes a frame indexed by time with an unnamed first column: `,open,high,…`.
    if (columns.time < 0 && headerCells[0] === '') columns = { ...columns, time: 0 };
    if (columns.volume < 0)
      columns = { ...columns, volume: volumeColumn(headerCells, separator, columns.symbol, text, lines.end, where(first + 1)) };
    const missing = (['time', 'open', 'high', 'low', 'close', 'volume'] as const).filter((k) => columns[k] < 0);
    if (missing.length > 0)
      throw fail(
        where(first + 1),
        'columns',
        `the header (${headerCells.join(separator)}) has no ${missing.map((m) => (m === 'time' ? 'open time' : m)).join(', ')} column`,
      );
    lines.next();
  }
  const splitter = new SeriesSplitter(where);
  const fast = options.scan !== false && columns.symbol < 0 && columns.timeframe < 0 ? new PlainRowReader(text, separator, columns) : null;
  for (; !lines.done; lines.next()) {
    const row = lines.index + 1;
    // Most rows are plain numbers: read in place, without cutting the line into cells.
    if (fast?.read(lines.start, lines.end)) {
      const v = fast.values;
      splitter
        .for(row, null, null)
        .addNumbers(row, v[0] as number, v[1] as number, v[2] as number, v[3] as number, v[4] as number, v[5] as number);
      continue;
    }
    const line = lines.text();
    if (line.trim() === '') continue;
    if (!headerless && line.trim() === firstLine.trim())
      throw fail(where(row), 'columns', `the header is repeated here (files joined end to end?); remove this line`);
    // Only the cells used are cleaned: a Binance row has twelve, and half a million rows a year.
    const cells = line.includes('"') ? splitQuotedCells(line, separator) : line.split(separator);
    const symbol = columns.symbol >= 0 ? cellAt(cells, columns.symbol) || null : null;
    const timeframe = columns.timeframe >= 0 ? cellAt(cells, columns.timeframe) || null : null;
    splitter
      .for(row, symbol, timeframe)
      .add(
        row,
        cellAt(cells, columns.time),
        cellAt(cells, columns.open),
        cellAt(cells, columns.high),
        cellAt(cells, columns.low),
        cellAt(cells, columns.close),
        cellAt(cells, columns.volume),
      );
  }
  return splitter.build();
}

function pickSeparator(line: string): string {
  const counts = [',', ';', '\t'].map((s) => [s, line.split(s).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/** One cell, trimmed and unquoted when it needs it; undefined when the row is too short. */
function cellAt(cells: readonly string[], index: number): string | undefined {
  const raw = cells[index];
  if (raw === undefined || raw.length === 0) return raw;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  // Plain cells (the common case) start and end with a digit or a letter.
  if (first > 34 && last > 34) return raw;
  let c = raw.trim();
  if (c.length >= 2 && c.charCodeAt(0) === 34 && c.charCodeAt(c.length - 1) === 34) c = c.slice(1, -1).trim();
  return c;
}

/** Cells of one line, trimmed, with surrounding double quotes removed. */
function splitCells(line: string, separator: string): string[] {
  if (line.includes('"')) return splitQuotedCells(line, separator);
  const cells = line.split(separator);
  for (let j = 0; j < cells.length; j++) {
    let c = (cells[j] as string).trim();
    if (c.length >= 2 && c.charCodeAt(0) === 34 && c.charCodeAt(c.length - 1) === 34) c = c.slice(1, -1).trim();
    cells[j] = c;
  }
  return cells;
}

/** A line of one cell that is not a number: a title, not a header or a row. */
function isTitle(line: string): boolean {
  const text = line.trim();
  return text !== '' && !/[,;\t]/.test(text) && !/^\d/.test(text);
}

// Suffixes of a volume column counted in the quote asset (Kaggle's `Volume_(Currency)`, `Volume USDT`).
const QUOTE_VOLUME = /(currency|quote|usd|usdt|usdc|busd|fdusd|tusd|eur)$/;

/**
 * The base-asset volume column when no column is called `volume`: CryptoDataDownload writes
 * `Volume BTC,Volume USDT`, Kaggle's Bitstamp set `Volume_(BTC),Volume_(Currency)`. One
 * `volume…` column is it; of several, the one named after the pair's base asset (from the first
 * row's symbol cell), else the only one not named after a quote currency. -1 when there is none.
 * @throws CandleDataError naming the header when several remain.
 */
function volumeColumn(
  header: readonly string[],
  separator: string,
  symbolColumn: number,
  text: string,
  headerEnd: number,
  where: string,
): number {
  const names = header.map((h) => keyName(h).replace(/[().]/g, ''));
  const candidates = names.flatMap((n, i) => (n.startsWith('volume') ? [i] : []));
  if (candidates.length <= 1) return candidates[0] ?? -1;
  const suffix = (i: number) => (names[i] as string).slice('volume'.length);
  if (symbolColumn >= 0) {
    const next = text.indexOf('\n', headerEnd + 1);
    const row = text.slice(headerEnd + 1, next < 0 ? text.length : next);
    const base = pairName(splitCells(row, separator)[symbolColumn] ?? '').split('/')[0] ?? '';
    const named = candidates.filter((i) => base !== '' && suffix(i) === base.toLowerCase());
    if (named.length === 1) return named[0] as number;
  }
  const notQuote = candidates.filter((i) => !QUOTE_VOLUME.test(suffix(i)));
  if (notQuote.length === 1) return notQuote[0] as number;
  throw fail(
    where,
    'columns',
    `the header has several volume columns (${candidates.map((i) => header[i]).join(', ')}) and none is named after the base asset; name that one volume`,
  );
}
