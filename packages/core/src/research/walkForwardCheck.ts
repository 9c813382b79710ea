import type { AppConfig } from '../config/parseConfig.js';
import type { WalkForwardCheck, WalkForwardPartScore } from '../domain/approval.js';
import { WardenError } from '../errors/errors.js';
import type { Candidate } from './paramSearch.js';
import { type ResearchSetData, type RunMetrics, runResearchPart } from './runPart.js';
import { beats } from './score.js';
import { DEFAULT_IN_SAMPLE_FRACTION } from './walkForward.js';

/** A strategy and the parameters to merge over its defaults. */
export interface StrategyChoice {
  readonly strategy: string;
  readonly params: Candidate;
}

/**
 * The bench's walk-forward check of a proposal: the current and the proposed strategy/parameters
 * each run on the earlier (in-sample) and the later (out-of-sample) part of the same candles,
 * with the bench's split, warm-up and score, configured from `config` as every backtest is.
 * Throws a WardenError when a run is refused (e.g. parameters under the fee floor) or the
 * candles are too few to split.
 */
export async function walkForwardCheck(
  set: ResearchSetData,
  current: StrategyChoice,
  proposed: StrategyChoice,
  config: AppConfig,
  inSampleFraction = DEFAULT_IN_SAMPLE_FRACTION,
): Promise<WalkForwardCheck> {
  const run = async (choice: StrategyChoice, part: 'in-sample' | 'out-of-sample') => {
    const outcome = await runResearchPart(
      set,
      { strategy: choice.strategy, params: choice.params, part, curve: false },
      config,
      inSampleFraction,
    );
    if (!outcome.result.ok)
      throw new WardenError('WALK_FORWARD_REFUSED', `${choice.strategy} refused the parameters: ${outcome.result.error}`, {
        strategy: choice.strategy,
      });
    return { split: outcome.set.split, candles: outcome.set.candles, score: partScore(outcome.result) };
  };
  const currentIs = await run(current, 'in-sample');
  const currentOos = await run(current, 'out-of-sample');
  const proposedIs = await run(proposed, 'in-sample');
  const proposedOos = await run(proposed, 'out-of-sample');
  return {
    candles: currentIs.candles,
    inSampleCandles: currentIs.split.inSample.candles,
    outOfSampleCandles: currentIs.split.outOfSample.candles,
    current: { inSample: currentIs.score, outOfSample: currentOos.score },
    proposed: { inSample: proposedIs.score, outOfSample: proposedOos.score },
    proposedBeatsCurrent: beats(proposedOos.score.score, currentOos.score.score),
  };
}

function partScore(m: RunMetrics): WalkForwardPartScore {
  return { returnPct: round(m.returnPct), maxDrawdownPct: round(m.maxDrawdownPct), score: round(m.score), trades: m.trades };
}

/** Two decimals are what a person reads; the comparison above uses the unrounded scores. */
function round(x: number): number {
  return Math.round(x * 100) / 100;
}
