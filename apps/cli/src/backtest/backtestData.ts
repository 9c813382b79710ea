import { readCandleSeries } from '@warden/adapters/files/candleFiles';
import { aggregateCandles, canAggregate } from '@warden/core/data/aggregateCandles';
import type { CandleSeries } from '@warden/core/data/candleFileParsing';
import { type Candle, TIMEFRAME_MS, type Timeframe } from '@warden/core/domain/market';
import { ValidationError } from '@warden/core/errors/errors';

export interface BacktestData {
  readonly symbol: string;
  readonly primary: Timeframe;
  readonly candles: Partial<Record<Timeframe, Candle[]>>;
  readonly notes: string[];
}

/**
 * Turns a candle file into what a backtest needs: the requested symbol, and every timeframe the
 * strategy reads — taken from the file when recorded, otherwise aggregated from the finest
 * recorded timeframe that tiles it. When the file is coarser than the requested primary timeframe
 * (a 4h-only file and TRADING_TIMEFRAMES=5m,4h), the file's finest timeframe becomes the primary one
 * and a note says so.
 */
export async function loadBacktestData(
  path: string,
  symbol: string,
  timeframes: readonly Timeframe[],
  explicitSymbol: boolean,
): Promise<BacktestData> {
  const all = await readCandleSeries(path);
  const labelled = all.filter((s) => s.symbol !== null);
  const symbols = [...new Set(labelled.map((s) => s.symbol as string))];
  let chosen = symbol;
  const notes: string[] = [];
  if (symbols.length > 0 && !symbols.includes(symbol)) {
    if (explicitSymbol || symbols.length > 1)
      throw new ValidationError(`no ${symbol} candles in ${path}; the file has ${symbols.join(', ')} (use --symbol)`, 'symbol');
    chosen = symbols[0] as string;
    notes.push(`the file holds ${chosen}, not ${symbol}: backtesting ${chosen}`);
  }
  const mine = all.filter((s) => s.symbol === null || s.symbol === chosen);
  const byTf = new Map<Timeframe, readonly Candle[]>();
  for (const s of mine) byTf.set(s.timeframe ?? inferTimeframe(s), s.candles);
  const recorded = [...byTf.keys()].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
  const finest = recorded[0];
  if (!finest) throw new ValidationError(`no candles in ${path}`, 'data');

  const wantedPrimary = timeframes[0] as Timeframe;
  const primary = byTf.has(wantedPrimary) || canAggregate(finest, wantedPrimary) ? wantedPrimary : finest;
  if (primary !== wantedPrimary)
    notes.push(`the file's finest timeframe is ${finest}: using ${finest} as the primary timeframe instead of ${wantedPrimary}`);
  const candles: Partial<Record<Timeframe, Candle[]>> = {};
  for (const tf of [primary, ...timeframes.slice(1)]) {
    const direct = byTf.get(tf);
    if (direct) candles[tf] = [...direct];
    else {
      const source = recorded.filter((r) => canAggregate(r, tf) && r !== tf).pop();
      if (!source) {
        notes.push(`no way to build ${tf} candles from ${recorded.join(', ')}: strategies needing ${tf} will hold`);
        continue;
      }
      candles[tf] = aggregateCandles(byTf.get(source) as Candle[], source, tf);
    }
  }
  return { symbol: chosen, primary, candles, notes };
}

/** Timeframe of an unlabelled series from the most common spacing between bars. */
function inferTimeframe(series: CandleSeries): Timeframe {
  const counts = new Map<number, number>();
  const c = series.candles;
  for (let i = 1; i < Math.min(c.length, 500); i++) {
    const d = (c[i] as Candle).openTime - (c[i - 1] as Candle).openTime;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const step = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const tf = (Object.entries(TIMEFRAME_MS) as Array<[Timeframe, number]>).find(([, ms]) => ms === step)?.[0];
  if (!tf) throw new ValidationError('cannot tell the timeframe of an unlabelled candle series', 'timeframe', { stepMs: step });
  return tf;
}
