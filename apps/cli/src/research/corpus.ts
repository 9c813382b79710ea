import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { readCandleSeries } from '@warden/adapters/files/candleFiles';
import type { AppConfig } from '@warden/core/config/parseConfig';
import type { Timeframe } from '@warden/core/domain/market';
import { ValidationError } from '@warden/core/errors/errors';
import { assumeMarket, scaleQuoteLimits } from '@warden/core/market/assumedMarket';
import type { ResearchSetData } from '@warden/core/research/runPart';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { glob, isDynamicPattern } from 'tinyglobby';
import { loadBacktestData } from '../backtest/backtestData.js';

/**
 * The one place where candle files become research sets. Everything else in the bench sees only
 * `CorpusSet` references and `ResearchSetData`, so moving to another loader changes this file only.
 */

/** A set in the corpus: one file, and the symbol within it (null: the file does not label its rows). */
export interface CorpusSet {
  /** Stable id: the path relative to the deepest folder holding every file of the corpus, `#SYMBOL` for a multi-symbol file. */
  readonly id: string;
  readonly file: string;
  readonly symbol: string | null;
}

/** Candle files a folder contributes: the formats the loader reads (a .zip is Binance's kline archive). */
const CANDLE_FILE = /\.(json|csv|zip)$/i;

/**
 * Expands files, folders (every .json/.csv/.zip below, recursively) and glob patterns into sets, in a
 * stable order: each symbol of a multi-symbol file is its own set; a file of one symbol (whatever
 * its timeframes) is one set. Throws a ValidationError naming the argument that matched nothing.
 */
export async function listCorpus(inputs: readonly string[], cwd = process.cwd()): Promise<CorpusSet[]> {
  const files = new Set<string>();
  for (const input of inputs) {
    const matched = await expand(input, cwd);
    if (matched.length === 0) throw new ValidationError(`no candle files match "${input}"`, 'corpus', { input });
    for (const f of matched) files.add(f);
  }
  const sets: CorpusSet[] = [];
  const sorted = [...files].sort();
  const root = commonDirectory(sorted);
  for (const file of sorted) {
    const series = await readCandleSeries(file);
    const symbols = [...new Set(series.map((s) => s.symbol).filter((s): s is string => s !== null))].sort();
    const id = relative(root, file) || basename(file);
    if (symbols.length <= 1) sets.push({ id, file, symbol: symbols[0] ?? null });
    else for (const symbol of symbols) sets.push({ id: `${id}#${symbol}`, file, symbol });
  }
  return sets;
}

/** The deepest folder holding every file: ids relative to it stay short and do not depend on the working directory. */
function commonDirectory(files: readonly string[]): string {
  let root = dirname(files[0] ?? '.');
  for (const f of files) while (root !== dirname(root) && !f.startsWith(root + sep)) root = dirname(root);
  return root;
}

async function expand(input: string, cwd: string): Promise<string[]> {
  if (isDynamicPattern(input)) return (await glob(input, { cwd, absolute: true, onlyFiles: true })).filter((f) => CANDLE_FILE.test(f));
  const path = resolve(cwd, input);
  const info = await stat(path).catch(() => null);
  if (!info) return [];
  if (info.isFile()) return [path];
  return (await glob('**/*', { cwd: path, absolute: true, onlyFiles: true })).filter((f) => CANDLE_FILE.test(f));
}

/** A loaded set, and what the loader noted and assumed (a pair from the file name, derived filters, a substituted timeframe). */
export interface LoadedSet extends ResearchSetData {
  readonly notes: readonly string[];
}

/** What loading needs from the run: the raw environment (to tell set variables from defaults), its parsed form, and the split. */
export interface CorpusLoadContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly config: AppConfig;
  readonly timeframes: readonly Timeframe[];
  readonly inSampleFraction: number;
}

/**
 * Loads one set as `warden backtest --data FILE` would: through the checked loader
 * (`loadBacktestData`: every candle rule checked, gaps found, timeframes taken from the file or
 * aggregated), then the market assumptions (`assumeMarket`: Binance's filters for a known pair,
 * otherwise derived; starting equity TRADING_PAPER_STARTING_EQUITY when set, else 2,000 × the
 * quote's minimum order; RISK_MAX_ORDER_NOTIONAL's default scaled to the quote). The assumptions
 * are derived from the in-sample part only, so nothing about a set's out-of-sample prices reaches
 * the runs that choose parameters.
 * @throws CandleDataError / ValidationError naming the file, row or symbol.
 */
export async function loadCorpusSet(set: CorpusSet, context: CorpusLoadContext): Promise<LoadedSet> {
  const { env, config } = context;
  const data = await loadBacktestData([set.file], {
    ...(set.symbol !== null ? { symbol: set.symbol } : {}),
    defaultSymbol: config.TRADING_SYMBOL,
    timeframes: context.timeframes,
  });
  const primary = data.candles[data.primary] ?? [];
  const inSample = primary.slice(0, Math.max(1, Math.floor(primary.length * context.inSampleFraction)));
  const market = assumeMarket({
    symbol: data.symbol,
    candles: inSample,
    ...(env.TRADING_PAPER_STARTING_EQUITY !== undefined ? { startingEquity: config.TRADING_PAPER_STARTING_EQUITY } : {}),
  });
  // As `warden backtest`: a quote-denominated default (1,000 USDT per order) means 0.02 BTC on a BTC-quoted pair.
  const { limits: riskLimits } = scaleQuoteLimits(riskLimitsFromConfig(config), market, env.RISK_MAX_ORDER_NOTIONAL !== undefined);
  return {
    symbol: data.symbol,
    primary: data.primary,
    candles: data.candles,
    filters: market.filters,
    startingEquity: market.startingEquity,
    riskLimits,
    notes: [...data.notes, ...market.lines],
  };
}
