import { readFile, writeFile } from 'node:fs/promises';
import { type CandleFileFormat, formatCandles } from '@warden/core/data/candleFileFormat';
import { type CandleSeries, parseCandleText } from '@warden/core/data/candleFileParsing';
import { assertValidCandles } from '@warden/core/data/candleValidation';
import { selectSeries } from '@warden/core/data/selectSeries';
import type { Candle, Timeframe } from '@warden/core/domain/market';

/** Every series in a candle file, in any format `parseCandleText` understands. */
export async function readCandleSeries(path: string): Promise<CandleSeries[]> {
  return parseCandleText(await readFile(path, 'utf8'));
}

/**
 * The candles for one symbol/timeframe from a file, checked like exchange data (aligned, ordered,
 * sane OHLC) so a backtest never runs on a file that is silently wrong.
 */
export async function readCandleFile(path: string, want: { readonly symbol?: string; readonly timeframe: Timeframe }): Promise<Candle[]> {
  const candles = selectSeries(await readCandleSeries(path), want);
  assertValidCandles(candles, want.timeframe, { file: path });
  return candles;
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
