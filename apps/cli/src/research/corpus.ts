import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { readCandleSeries } from '@warden/adapters/files/candleFiles';
import type { AppConfig } from '@warden/core/config/parseConfig';
import type { Timeframe } from '@warden/core/domain/market';
import { ValidationError } from '@warden/core/errors/errors';
import type { ResearchSetData } from '@warden/core/research/runPart';
import { glob, isDynamicPattern } from 'tinyglobby';
import { loadBacktestData } from '../backtest/backtestData.js';
import { backtestFilters } from '../backtest/knownFilters.js';

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

/** Candle files a folder contributes: the formats the loader reads. */
const CANDLE_FILE = /\.(json|csv)$/i;

/**
 * Expands files, folders (every .json/.csv below, recursively) and glob patterns into sets, in a
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

/** A loaded set, and what the loader noted about it (a symbol taken from the file name, a timeframe it had to substitute). */
export interface LoadedSet extends ResearchSetData {
  readonly notes: readonly string[];
}

/**
 * Loads one set as `warden backtest` would: the symbol, every timeframe in `timeframes` (taken from
 * the file or aggregated), the exchange filters and the starting equity from the environment.
 */
export async function loadCorpusSet(set: CorpusSet, config: AppConfig, timeframes: readonly Timeframe[]): Promise<LoadedSet> {
  const symbol = set.symbol ?? symbolFromFileName(set.file) ?? config.TRADING_SYMBOL;
  const data = await loadBacktestData(set.file, symbol, timeframes, set.symbol !== null);
  const primary = data.candles[data.primary] ?? [];
  const filters = backtestFilters(
    data.symbol,
    {},
    primary.slice(0, 200).map((c) => c.close),
  );
  return {
    symbol: data.symbol,
    primary: data.primary,
    candles: data.candles,
    filters,
    startingEquity: config.TRADING_PAPER_STARTING_EQUITY,
    notes: data.notes,
  };
}

/** freqtrade names its data files BASE_QUOTE-timeframe.json (ETH_BTC-5m.json): the pair of an unlabelled file. */
export function symbolFromFileName(file: string): string | null {
  const m = /^([A-Z0-9]{2,12})_([A-Z0-9]{2,12})(?:[-_.]|$)/.exec(basename(file));
  return m ? `${m[1]}/${m[2]}` : null;
}
