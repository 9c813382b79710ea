import { loadCandleFiles } from '@warden/adapters/files/candleFiles';
import { aggregateCandles, canAggregate } from '@warden/core/data/aggregateCandles';
import type { AssembledSeries } from '@warden/core/data/assembleSeries';
import type { TimeNotation } from '@warden/core/data/candleFileParsing';
import type { CandleGapReport } from '@warden/core/data/candleGaps';
import { type CandleRepairs, describeRepairs } from '@warden/core/data/checkedSeries';
import { type Candle, TIMEFRAME_MS, type Timeframe } from '@warden/core/domain/market';
import { ValidationError } from '@warden/core/errors/errors';
import { unifiedSymbol } from '@warden/core/market/quoteAssets';

export interface BacktestData {
  readonly symbol: string;
  /** True when the files do not name their pair and the symbol came from TRADING_SYMBOL. */
  readonly symbolAssumed: boolean;
  readonly primary: Timeframe;
  readonly candles: Partial<Record<Timeframe, Candle[]>>;
  readonly notes: string[];
  /** The files read, in time order. */
  readonly files: readonly string[];
  /** Holes in the recorded series used (each in its own timeframe). */
  readonly gaps: readonly CandleGapReport[];
  /** How the files wrote their open times. */
  readonly timeNotations: readonly TimeNotation[];
  /** What `--repair` changed, in words; null when nothing was repaired (or it was not asked for). */
  readonly repairs: string | null;
  /** Candles present in two files with the same values (one copy kept). */
  readonly overlapsDropped: number;
}

export interface BacktestDataRequest {
  /** `--symbol` when given (BTC/USDT or BTCUSDT). */
  readonly symbol?: string;
  /** TRADING_SYMBOL: used for files that do not name their pair. */
  readonly defaultSymbol: string;
  /** TRADING_TIMEFRAMES plus what the strategy reads; the first is the wanted primary one. */
  readonly timeframes: readonly Timeframe[];
  readonly repair?: boolean;
}

/**
 * Candle files, folders or globs → what a backtest needs, through the one checked path
 * (`loadCandleFiles`: parsed, every candle rule checked, files joined in time order, gaps found).
 * @throws CandleDataError naming the file, row and rule; ValidationError for a symbol the files lack.
 */
export async function loadBacktestData(inputs: readonly string[], request: BacktestDataRequest): Promise<BacktestData> {
  return backtestDataFromSeries(await loadCandleFiles(inputs, { repair: request.repair === true }), request);
}

/**
 * One symbol's backtest input from checked series: the requested symbol, and every timeframe the
 * strategy reads — taken from the files when recorded, otherwise aggregated from the finest recorded
 * timeframe that tiles it. When the files are coarser than the wanted primary timeframe (a 4h-only
 * file and TRADING_TIMEFRAMES=5m,4h), the finest recorded timeframe becomes the primary one and a
 * note says so.
 * @throws ValidationError (field `symbol`) when the files do not hold the symbol or hold several and none was picked.
 */
export function backtestDataFromSeries(all: readonly AssembledSeries[], request: BacktestDataRequest): BacktestData {
  const wanted = request.symbol === undefined ? undefined : unifiedSymbol(request.symbol);
  if (request.symbol !== undefined && wanted === null)
    throw new ValidationError(`--symbol ${request.symbol}: expected BASE/QUOTE (BTC/USDT) or a Binance symbol (BTCUSDT)`, 'symbol');
  const symbols = [...new Set(all.map((s) => s.symbol).filter((s): s is string => s !== null))];
  const notes: string[] = [];
  let chosen: string;
  let symbolAssumed = false;
  if (wanted) {
    if (symbols.length > 0 && !symbols.includes(wanted) && !all.some((s) => s.symbol === null))
      throw new ValidationError(`no ${wanted} candles in the data; it holds ${symbols.join(', ')} (use --symbol)`, 'symbol');
    chosen = wanted;
  } else if (symbols.length > 1) {
    const fallback = unifiedSymbol(request.defaultSymbol);
    if (fallback === null || !symbols.includes(fallback))
      throw new ValidationError(`the data holds several pairs (${symbols.join(', ')}): pick one with --symbol`, 'symbol');
    chosen = fallback;
    notes.push(`the data holds ${symbols.join(', ')}: backtesting ${chosen} (TRADING_SYMBOL; pick another with --symbol)`);
  } else if (symbols.length === 1) {
    chosen = symbols[0] as string;
  } else {
    chosen = unifiedSymbol(request.defaultSymbol) ?? request.defaultSymbol;
    symbolAssumed = true;
    notes.push(`the data does not name its pair: assuming ${chosen} (TRADING_SYMBOL); pass --symbol to say which pair it is`);
  }
  const mine = all.filter((s) => s.symbol === null || s.symbol === chosen);
  const byTf = new Map<Timeframe, AssembledSeries>();
  for (const s of mine) if (!byTf.has(s.timeframe) || s.symbol !== null) byTf.set(s.timeframe, s);
  const recorded = [...byTf.keys()].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
  const finest = recorded[0];
  if (!finest) throw new ValidationError('the data holds no candles', 'data');

  const wantedPrimary = request.timeframes[0] as Timeframe;
  const primary = byTf.has(wantedPrimary) || canAggregate(finest, wantedPrimary) ? wantedPrimary : finest;
  if (primary !== wantedPrimary)
    notes.push(`the data's finest timeframe is ${finest}: using ${finest} as the primary timeframe instead of ${wantedPrimary}`);
  const candles: Partial<Record<Timeframe, Candle[]>> = {};
  const used = new Set<AssembledSeries>();
  for (const tf of [primary, ...request.timeframes.slice(1)]) {
    const direct = byTf.get(tf);
    if (direct) {
      candles[tf] = [...direct.candles];
      used.add(direct);
      continue;
    }
    const source = recorded.filter((r) => canAggregate(r, tf) && r !== tf).pop();
    if (!source) {
      notes.push(`no way to build ${tf} candles from ${recorded.join(', ')}: strategies needing ${tf} will hold`);
      continue;
    }
    const from = byTf.get(source) as AssembledSeries;
    candles[tf] = aggregateCandles(from.candles, source, tf);
    used.add(from);
  }
  const usedSeries = [...used];
  const repairs = usedSeries.map((s) => s.repairs).filter((r): r is CandleRepairs => r !== null);
  const repairText = repairs.map(describeRepairs).filter((t): t is string => t !== null);
  return {
    symbol: chosen,
    symbolAssumed,
    primary,
    candles,
    notes,
    files: [...new Set(usedSeries.flatMap((s) => s.files))],
    gaps: usedSeries.flatMap((s) => s.gaps).sort((a, b) => a.from - b.from),
    timeNotations: [...new Set(usedSeries.flatMap((s) => s.timeNotations))],
    repairs: repairText.length > 0 ? repairText.join('; ') : null,
    overlapsDropped: usedSeries.reduce((n, s) => n + s.overlapsDropped, 0),
  };
}
