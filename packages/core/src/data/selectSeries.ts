import type { Candle, Timeframe } from '../domain/market.js';
import { ValidationError } from '../errors/errors.js';
import type { CandleSeries } from './candleRows.js';

/**
 * The one series a caller asked for. A label the file does not carry matches anything, so an
 * unlabelled file serves whichever symbol/timeframe the caller says it holds; a labelled file must
 * contain the requested one, and a multi-series file needs the request to single one out.
 * @throws ValidationError (field `symbol`) when no series or several match.
 */
export function selectOneSeries(
  series: readonly CandleSeries[],
  want: { readonly symbol?: string; readonly timeframe?: Timeframe },
): CandleSeries {
  const matches = series.filter(
    (s) =>
      (want.symbol === undefined || s.symbol === null || s.symbol === want.symbol) &&
      (want.timeframe === undefined || s.timeframe === null || s.timeframe === want.timeframe),
  );
  if (matches.length === 1) return matches[0] as CandleSeries;
  const available = series.map((s) => `${s.symbol ?? '?'} ${s.timeframe ?? '?'}`).join(', ');
  if (matches.length === 0)
    throw new ValidationError(
      `no candles for ${want.symbol ?? 'any symbol'} ${want.timeframe ?? 'any timeframe'} in file (has: ${available})`,
      'symbol',
    );
  throw new ValidationError(`file holds several series (${available}); pick one with symbol and timeframe`, 'symbol');
}

/** The candles of `selectOneSeries` (unchecked: callers check them with the series' row labels). */
export function selectSeries(
  series: readonly CandleSeries[],
  want: { readonly symbol?: string; readonly timeframe?: Timeframe },
): Candle[] {
  return [...selectOneSeries(series, want).candles];
}
