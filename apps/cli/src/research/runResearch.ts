import { parseConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { Timeframe } from '@warden/core/domain/market';
import type { SearchOptions } from '@warden/core/research/paramSearch';
import { runResearchPlan, type SelectMode } from '@warden/core/research/researchPlan';
import { DEFAULT_IN_SAMPLE_FRACTION } from '@warden/core/research/walkForward';
import { getStrategyDefinition, knownStrategyNames, parseStrategyParams } from '@warden/core/strategy/registry';
import { listCorpus } from './corpus.js';
import { createResearchPool, defaultThreads, type ProgressListener } from './executor.js';
import { type ResearchReport, researchSettings, SCORE_FORMULA } from './researchReport.js';

export interface ResearchOptions {
  /** Files, folders and glob patterns. */
  readonly inputs: readonly string[];
  /** Registered strategies (default: all of them); buy-and-hold is always added. */
  readonly strategies?: readonly string[];
  readonly search?: SearchOptions | null;
  readonly select?: SelectMode;
  readonly inSampleFraction?: number;
  /** Worker threads (default: one per core); 1 runs in this thread. */
  readonly threads?: number;
  /** The environment the backtests are configured from (as `warden backtest` reads it). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly onProgress?: ProgressListener;
}

/**
 * A whole bench run: lists the corpus, runs the walk-forward plan on a worker pool and returns the
 * report. Throws a ValidationError (or ConfigError) for bad input before any backtest runs.
 */
export async function runResearch(o: ResearchOptions): Promise<ResearchReport> {
  const config = parseConfig(o.env);
  const settings = strategySettingsFromConfig(config);
  const strategies = o.strategies && o.strategies.length > 0 ? [...o.strategies] : knownStrategyNames();
  const timeframes = new Set<Timeframe>(config.TRADING_TIMEFRAMES);
  for (const s of strategies) {
    const definition = getStrategyDefinition(s);
    for (const tf of Object.keys(definition.requirements(parseStrategyParams(s, {}, settings), settings))) timeframes.add(tf as Timeframe);
  }
  const inSampleFraction = o.inSampleFraction ?? DEFAULT_IN_SAMPLE_FRACTION;
  const search = o.search ?? null;
  const select = o.select ?? 'per-set';
  const sets = await listCorpus(o.inputs, o.cwd);
  const pool = createResearchPool(
    { env: o.env, timeframes: [...timeframes], inSampleFraction },
    sets,
    Math.max(1, o.threads ?? defaultThreads()),
    o.onProgress,
  );
  try {
    const result = await runResearchPlan(
      { sets: sets.map((s) => ({ id: s.id, label: s.id })), strategies, search, select, settings },
      pool.execute,
    );
    return {
      score: SCORE_FORMULA,
      settings: researchSettings(o.env, config, { strategies, inSampleFraction, search, select, timeframes: [...timeframes] }),
      ...result,
    };
  } finally {
    await pool.close();
  }
}
