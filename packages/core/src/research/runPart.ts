import { runBacktest } from '../backtest/runBacktest.js';
import type { AppConfig } from '../config/parseConfig.js';
import { strategySettingsFromConfig } from '../cycle/settings.js';
import type { SymbolFilters, Timeframe } from '../domain/market.js';
import { WardenError } from '../errors/errors.js';
import { paperBrokerOptionsFromConfig } from '../execution/paperBroker.js';
import { type RiskLimits, riskLimitsFromConfig } from '../risk/riskLimits.js';
import { getStrategyDefinition, parseStrategyParams } from '../strategy/registry.js';
import type { ParamValue, StrategySettings } from '../strategy/types.js';
import { buyAndHold } from './buyAndHold.js';
import type { Candidate } from './paramSearch.js';
import { researchScore } from './score.js';
import { type CandleSet, partWindow, type ResearchPart, type WalkForwardSplit, walkForwardSplit } from './walkForward.js';

/** The pseudo-strategy that buys at the first traded close and holds (price return, no fees). */
export const BUY_AND_HOLD = 'buy_and_hold';

/** One set, loaded: what every run on it shares. */
export interface ResearchSetData {
  readonly symbol: string;
  readonly primary: Timeframe;
  readonly candles: CandleSet;
  readonly filters: SymbolFilters;
  /** In the quote asset. */
  readonly startingEquity: number;
  /**
   * Risk limits for this set when they differ from the environment's (quote-denominated limits
   * scaled to a BTC- or ETH-quoted pair, as `warden backtest` does); absent: `riskLimitsFromConfig`.
   */
  readonly riskLimits?: RiskLimits;
  /** What loading noted and assumed (pair, filters, starting balance, substituted timeframes), for the report. */
  readonly notes?: readonly string[];
}

/** One backtest the bench asks for. */
export interface ResearchRun {
  /** A registered strategy name, or BUY_AND_HOLD. */
  readonly strategy: string;
  /** Merged over the strategy's defaults (`{}` = shipped defaults). */
  readonly params: Candidate;
  readonly part: ResearchPart;
  /** Keep a sampled equity curve (for the HTML report). */
  readonly curve: boolean;
}

/** The facts about a set every outcome carries, so the caller never has to load it itself. */
export interface SetMeta {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: number;
  readonly split: WalkForwardSplit;
  readonly startingEquity: number;
  readonly notes: readonly string[];
}

/** Metrics of one run. Percents are of starting equity; times are ms since epoch. */
export interface RunMetrics {
  readonly ok: true;
  /** The parameters the strategy actually ran with (defaults filled in). */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly returnPct: number;
  readonly maxDrawdownPct: number;
  /** researchScore(returnPct, maxDrawdownPct). */
  readonly score: number;
  /** Fills. */
  readonly trades: number;
  /** Fees in the quote asset, and as a percent of starting equity (comparable across sets). */
  readonly feesPaid: number;
  readonly feesPct: number;
  /** Average share of equity held in the base asset, percent. */
  readonly exposurePct: number;
  readonly buyHoldReturnPct: number;
  /** Primary candles traded. */
  readonly candles: number;
  readonly from: number | null;
  readonly to: number | null;
  readonly startingEquity: number;
  readonly finalEquity: number;
  readonly emergencyStop: boolean;
  /** [time ms, equity in quote] pairs, evenly sampled; empty unless asked for. */
  readonly curve: ReadonlyArray<readonly [number, number]>;
}

/** A run the strategy refused (e.g. parameters below the fee floor): the reason instead of metrics. */
export interface RunFailure {
  readonly ok: false;
  readonly error: string;
}

export interface RunOutcome {
  readonly set: SetMeta;
  readonly result: RunMetrics | RunFailure;
}

/** Points kept in an equity curve for the report. */
const CURVE_POINTS = 200;

/** The strategy settings a backtest of this set uses: the environment's, on the set's symbol and primary timeframe (as `warden backtest`). */
export function setSettings(config: AppConfig, set: Pick<ResearchSetData, 'symbol' | 'primary'>): StrategySettings {
  return {
    ...strategySettingsFromConfig(config),
    symbol: set.symbol,
    primaryTimeframe: set.primary,
    timeframes: [set.primary, ...config.TRADING_TIMEFRAMES.filter((t) => t !== set.primary)],
  };
}

/**
 * Runs one part of one set with the same cycle, risk engine and paper broker as `warden backtest`,
 * configured from `config` (fees, slippage, risk limits, grid settings). Deterministic: the same
 * set, run and config give the same outcome in any thread. A WardenError from the strategy (bad
 * parameters, fee floor) becomes a RunFailure; anything else propagates.
 */
export async function runResearchPart(
  set: ResearchSetData,
  run: ResearchRun,
  config: AppConfig,
  inSampleFraction: number,
): Promise<RunOutcome> {
  const primary = set.candles[set.primary] ?? [];
  const split = walkForwardSplit(primary, inSampleFraction);
  const meta: SetMeta = {
    symbol: set.symbol,
    timeframe: set.primary,
    candles: primary.length,
    split,
    startingEquity: set.startingEquity,
    notes: set.notes ?? [],
  };
  try {
    return { set: meta, result: await runOnce(set, run, config, split) };
  } catch (error) {
    if (error instanceof WardenError) return { set: meta, result: { ok: false, error: error.message } };
    throw error;
  }
}

async function runOnce(set: ResearchSetData, run: ResearchRun, config: AppConfig, split: WalkForwardSplit): Promise<RunMetrics> {
  const settings = setSettings(config, set);
  if (run.strategy === BUY_AND_HOLD) {
    const window = partWindow(set.candles, split, run.part, {});
    return buyAndHold(window.candles[set.primary] ?? [], window.from, set.startingEquity, run.curve ? CURVE_POINTS : 0);
  }
  const parsed = parseStrategyParams(run.strategy, run.params, settings);
  const warmUp = getStrategyDefinition(run.strategy).requirements(parsed, settings);
  const window = partWindow(set.candles, split, run.part, warmUp);
  const r = await runBacktest({
    candles: window.candles,
    settings,
    strategy: run.strategy,
    params: run.params,
    filters: set.filters,
    startingEquity: set.startingEquity,
    riskLimits: set.riskLimits ?? riskLimitsFromConfig(config),
    paper: paperBrokerOptionsFromConfig(config, set.filters),
    ...(window.from !== undefined ? { from: window.from } : {}),
    curvePoints: run.curve ? CURVE_POINTS : 1,
  });
  return {
    ok: true,
    params: r.params as Readonly<Record<string, ParamValue>>,
    returnPct: r.returnPct,
    maxDrawdownPct: r.maxDrawdownPct,
    score: researchScore(r.returnPct, r.maxDrawdownPct),
    trades: r.trades,
    feesPaid: r.feesPaid,
    feesPct: (r.feesPaid / r.startingEquity) * 100,
    exposurePct: r.exposurePct,
    buyHoldReturnPct: r.buyHoldReturnPct,
    candles: r.candles,
    from: r.from,
    to: r.to,
    startingEquity: r.startingEquity,
    finalEquity: r.finalEquity,
    emergencyStop: r.emergencyStopAt !== null,
    curve: run.curve ? r.equityCurve.map((p) => [p.time, p.equity] as const) : [],
  };
}
