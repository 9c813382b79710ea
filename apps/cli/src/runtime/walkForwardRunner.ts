import type { WalkForwardRunner } from '@warden/core/advisor/llmAdvisorPort';
import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import type { AppConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { ProposalChange } from '@warden/core/domain/approval';
import type { Candle, SymbolFilters, Timeframe } from '@warden/core/domain/market';
import type { Store } from '@warden/core/ports/store';
import { walkForwardCheck } from '@warden/core/research/walkForwardCheck';
import { getStrategyDefinition, parseStrategyParams } from '@warden/core/strategy/registry';
import type { StrategySettings } from '@warden/core/strategy/types';

/** Recent cached candles per timeframe the check replays: the what-if check's window. */
const WALK_FORWARD_CANDLES = 1500;
/** Fewer primary candles than this and the check is skipped (null): a 70/30 split of less says nothing. */
const MIN_PRIMARY_CANDLES = 100;

/**
 * Before an approval is saved, scores the current and the proposed parameters with the research
 * bench's walk-forward (70/30 split, score = return / max drawdown) on the recent cached candles
 * of every timeframe either strategy reads, with the environment's fees, slippage, risk limits
 * and starting equity. Null when too few candles are cached. With several pairs: `store` is the
 * pair's scoped store and `settings` the pair's (its symbol's candles).
 */
export function walkForwardRunner(
  store: Store,
  config: AppConfig,
  filters: () => SymbolFilters,
  settings: StrategySettings = strategySettingsFromConfig(config),
): WalkForwardRunner {
  return async (change: ProposalChange) => {
    const active = store.config.get<string>(CONFIG_KEYS.activeStrategy) ?? config.TRADING_ACTIVE_STRATEGY;
    const currentParams = store.config.get<Record<string, number | string | boolean>>(CONFIG_KEYS.strategyParams(active)) ?? {};
    const current = { strategy: active, params: currentParams };
    const proposed =
      change.kind === 'params'
        ? { strategy: change.strategy, params: { ...currentParams, ...change.after } }
        : { strategy: change.toStrategy, params: change.params };
    const timeframes = new Set<Timeframe>(settings.timeframes);
    for (const choice of [current, proposed]) {
      const needs = getStrategyDefinition(choice.strategy).requirements(
        parseStrategyParams(choice.strategy, choice.params, settings),
        settings,
      );
      for (const tf of Object.keys(needs)) timeframes.add(tf as Timeframe);
    }
    const candles: Partial<Record<Timeframe, Candle[]>> = {};
    for (const tf of timeframes) candles[tf] = store.candles.latest(settings.symbol, tf, WALK_FORWARD_CANDLES);
    if ((candles[settings.primaryTimeframe]?.length ?? 0) < MIN_PRIMARY_CANDLES) return null;
    const set = {
      symbol: settings.symbol,
      primary: settings.primaryTimeframe,
      candles,
      filters: filters(),
      startingEquity: config.TRADING_PAPER_STARTING_EQUITY,
    };
    return walkForwardCheck(set, current, proposed, config);
  };
}
