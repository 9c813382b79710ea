import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type AssembledSeries, assembleSeries, type ParsedFile } from '@warden/core/data/assembleSeries';
import { type CandleFileFormat, formatCandles } from '@warden/core/data/candleFileFormat';
import { type CandleSeries, parseCandleText } from '@warden/core/data/candleFileParsing';
import { checkSeries } from '@warden/core/data/checkedSeries';
import { selectOneSeries } from '@warden/core/data/selectSeries';
import { type Candle, isTimeframe, type Timeframe } from '@warden/core/domain/market';
import { ValidationError } from '@warden/core/errors/errors';
import { unifiedSymbol } from '@warden/core/market/quoteAssets';
import { unzipSync } from 'fflate';
import { expandCandlePaths } from './candlePaths.js';

// Binance's public data files: BTCUSDT-1m-2025-01.zip, BTCUSDT-1m-2025-01-05.csv (data.binance.vision).
const BINANCE_FILE_NAME = /^([A-Z0-9]+)-(\d+[smhdwM])-\d{4}-\d{2}(?:-\d{2})?\.(?:csv|zip)$/;
// freqtrade's data files: ETH_BTC-5m.json, XRP_USDT_USDT-5m-futures.json (BASE_QUOTE[_SETTLE]-timeframe[-type]).
const FREQTRADE_FILE_NAME = /^([A-Z0-9]{2,12})_([A-Z0-9]{2,12})(?:_[A-Z0-9]+)?-(\d+[smhdwM])(?:-[a-z]+)?\.(?:json|csv|zip)$/;

/**
 * Symbol and timeframe a data file's name gives, for series the file itself does not label:
 * Binance's `BTCUSDT-1m-2025-01.zip` → BTC/USDT 1m, freqtrade's `ETH_BTC-5m.json` → ETH/BTC 5m.
 * Null parts when the name does not say. A name that lies about the timeframe is caught by the
 * alignment rule.
 */
export function labelsFromFileName(name: string): { symbol: string | null; timeframe: Timeframe | null } {
  const file = basename(name);
  const binance = BINANCE_FILE_NAME.exec(file);
  const freqtrade = binance ? null : FREQTRADE_FILE_NAME.exec(file);
  if (!binance && !freqtrade) return { symbol: null, timeframe: null };
  const tf = (binance ? binance[2] : freqtrade?.[3]) as string;
  const symbol = binance ? unifiedSymbol(binance[1] as string) : `${freqtrade?.[1]}/${freqtrade?.[2]}`;
  return { symbol, timeframe: isTimeframe(tf) ? tf : null };
}

function labelled(series: readonly CandleSeries[], name: string): CandleSeries[] {
  const fromName = labelsFromFileName(name);
  return series.map((s) => ({ ...s, symbol: s.symbol ?? fromName.symbol, timeframe: s.timeframe ?? fromName.timeframe }));
}

/**
 * Every series in one candle file, in any format `parseCandleText` understands; a `.zip` archive
 * (Binance's monthly and daily kline archives) yields each CSV/JSON entry as a file of its own,
 * named `archive.zip:entry.csv` in row labels. Read only, not yet checked (see `loadCandleFiles`).
 * @throws CandleDataError naming the row of a cell that cannot be read; ValidationError for an
 * archive without candle files.
 */
export async function readParsedFiles(path: string): Promise<ParsedFile[]> {
  const name = basename(path);
  const bytes = await readFile(path);
  if (!name.toLowerCase().endsWith('.zip')) return [{ file: name, series: labelled(parseCandleText(bytes.toString('utf8'), name), name) }];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => /\.(csv|json)$/i.test(f.name) && !f.name.startsWith('__MACOSX/') });
  } catch (error) {
    throw new ValidationError(`${name}: not a readable zip archive (${(error as Error).message})`, 'data');
  }
  const names = Object.keys(entries).sort();
  if (names.length === 0) throw new ValidationError(`${name}: the archive holds no .csv or .json candle file`, 'data');
  return names.map((entry) => {
    const file = `${name}:${entry}`;
    const text = new TextDecoder().decode(entries[entry]);
    return { file, series: labelled(labelled(parseCandleText(text, file), entry), name) };
  });
}

/** Every series in a candle file (zip entries included), unchecked. */
export async function readCandleSeries(path: string): Promise<CandleSeries[]> {
  return (await readParsedFiles(path)).flatMap((f) => [...f.series]);
}

/**
 * Files, folders and globs → every checked series in them, joined across files in time order
 * (see `assembleSeries`): the one path by which candle files reach a backtest or the research bench.
 * @param inputs paths, folders (their .json/.csv/.zip files) and glob patterns.
 * @throws ValidationError when an input matches no file; CandleDataError naming file, row and rule.
 */
export async function loadCandleFiles(inputs: readonly string[], options: { readonly repair?: boolean } = {}): Promise<AssembledSeries[]> {
  const paths = await expandCandlePaths(inputs);
  const files: ParsedFile[] = [];
  for (const p of paths) files.push(...(await readParsedFiles(p)));
  return assembleSeries(files, options);
}

/**
 * The candles for one symbol/timeframe from a file, checked like exchange data (aligned, ordered,
 * unique, sane OHLC) so a backtest never runs on a file that is silently wrong.
 * @throws CandleDataError naming the row and rule; ValidationError when the series is not in the file.
 */
export async function readCandleFile(path: string, want: { readonly symbol?: string; readonly timeframe: Timeframe }): Promise<Candle[]> {
  if ((await stat(path)).isDirectory()) throw new ValidationError(`${path} is a folder; readCandleFile reads one file`, 'data');
  const series = await readCandleSeries(path);
  const chosen = selectOneSeries(series, want);
  return [...checkSeries(chosen, want.timeframe).candles];
}

export async function writeCandleFile(
  path: string,
  format: CandleFileFormat,
  symbol: string,
  timeframe: Timeframe,
  candles: readonly Candle[],
): Promise<void> {
  await writeFile(path, formatCandles(format, symbol, timeframe, candles), 'utf8');
}
