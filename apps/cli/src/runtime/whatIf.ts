import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { runBacktest } from '@warden/core/backtest/runBacktest';
import type { AppConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { ProposalChange, WhatIfResult } from '@warden/core/domain/approval';
import type { Candle, SymbolFilters, Timeframe } from '@warden/core/domain/market';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import type { Store } from '@warden/core/ports/store';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import type { StrategySettings } from '@warden/core/strategy/types';

/** Candles per timeframe replayed by a what-if check: enough for warm-up plus a few days of 5m bars. */
const WHAT_IF_CANDLES = 1500;

/**
 * Before an approval is saved, the current and the proposed settings are backtested over the same
 * recent cached candles, so the operator sees the expected effect next to the proposal. With
 * several pairs: `store` is the pair's scoped store and `settings` the pair's (its symbol's candles).
 */
export function whatIfRunner(
  store: Store,
  config: AppConfig,
  filters: () => SymbolFilters,
  settings: StrategySettings = strategySettingsFromConfig(config),
) {
  return async (change: ProposalChange): Promise<WhatIfResult | null> => {
    const candles: Partial<Record<Timeframe, Candle[]>> = {};
    for (const tf of settings.timeframes) candles[tf] = store.candles.latest(settings.symbol, tf, WHAT_IF_CANDLES);
    const primary = candles[settings.primaryTimeframe] ?? [];
    if (primary.length < 50) return null;
    const active = store.config.get<string>(CONFIG_KEYS.activeStrategy) ?? config.TRADING_ACTIVE_STRATEGY;
    const currentParams = store.config.get<Record<string, unknown>>(CONFIG_KEYS.strategyParams(active)) ?? {};
    const base = {
      candles,
      settings,
      filters: filters(),
      startingEquity: config.TRADING_PAPER_STARTING_EQUITY,
      riskLimits: riskLimitsFromConfig(config),
      paper: paperBrokerOptionsFromConfig(config, filters()),
      curvePoints: 2,
    };
    const current = await runBacktest({ ...base, strategy: active, params: currentParams });
    const proposed =
      change.kind === 'params'
        ? await runBacktest({ ...base, strategy: change.strategy, params: { ...currentParams, ...change.after } })
        : await runBacktest({ ...base, strategy: change.toStrategy, params: change.params });
    const summary = (r: typeof current) => ({ returnPct: round(r.returnPct), maxDrawdownPct: round(r.maxDrawdownPct), trades: r.trades });
    return { candles: primary.length, current: summary(current), proposed: summary(proposed) };
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
