import { type AppConfig, parseConfig } from '@warden/core/config/parseConfig';
import type { Timeframe } from '@warden/core/domain/market';
import { type ResearchRun, type RunOutcome, runResearchPart } from '@warden/core/research/runPart';
import { type CorpusSet, type LoadedSet, loadCorpusSet } from './corpus.js';

/** What every task of a bench run shares; plain data, so it crosses into a worker thread as is. */
export interface TaskContext {
  /** The environment (with `.env` merged) the backtests are configured from, as `warden backtest`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Timeframes loaded for every set: TRADING_TIMEFRAMES plus whatever the strategies read. */
  readonly timeframes: readonly Timeframe[];
  readonly inSampleFraction: number;
}

/** One task as it travels to a worker: the set by reference (each thread loads and caches it), and the run. */
export interface TaskMessage {
  readonly set: CorpusSet;
  readonly run: ResearchRun;
}

/** Sets kept loaded per thread; tasks arrive grouped by set, so a small cache avoids nearly every reload. */
const CACHED_SETS = 32;

/**
 * A task runner for one thread: parses the configuration once, loads each set once (a bounded
 * cache), and runs tasks with `runResearchPart`. The serial path and every worker use this same
 * function, so a run gives the same numbers on one thread or many.
 */
export function createTaskRunner(context: TaskContext): (task: TaskMessage) => Promise<RunOutcome> {
  const config: AppConfig = parseConfig(context.env);
  const cache = new Map<string, Promise<LoadedSet>>();
  const load = (set: CorpusSet): Promise<LoadedSet> => {
    let hit = cache.get(set.id);
    if (hit) {
      cache.delete(set.id);
      cache.set(set.id, hit);
      return hit;
    }
    hit = loadCorpusSet(set, { env: context.env, config, timeframes: context.timeframes, inSampleFraction: context.inSampleFraction });
    cache.set(set.id, hit);
    if (cache.size > CACHED_SETS) cache.delete(cache.keys().next().value as string);
    return hit;
  };
  return async (task) => {
    try {
      return await runResearchPart(await load(task.set), task.run, config, context.inSampleFraction);
    } catch (error) {
      // Errors cross the thread boundary as plain Errors: the set's id in the message says which file to look at.
      throw new Error(`${task.set.id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
}
