import { CONFIG_KEYS } from '../app/configKeys.js';
import { TIMEFRAME_MS, type Timeframe } from '../domain/market.js';
import type { Store } from '../ports/store.js';
import type { StrategyParams, StrategySettings } from '../strategy/types.js';
import { baseParams } from './baseParams.js';
import type { AdvisorInput } from './context.js';
import type { StrategyCatalog } from './strategyCatalog.js';

export interface AdvisorInputSettings {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** How many recent closed candles the summary covers. */
  readonly candleCount: number;
  /** Strategy used when the config table has none yet (TRADING_ACTIVE_STRATEGY). */
  readonly defaultStrategy: string;
  /** Fills parameters that are not stored from the environment, as the strategy host does. */
  readonly strategySettings?: StrategySettings;
  /** The pair rows without a symbol (written before several pairs) belong to; default `symbol`. */
  readonly legacySymbol?: string;
}

/**
 * Reads what the advisor needs for one pair: its recent candles, its latest metrics, the equity
 * rows its cycle wrote, its active strategy and parameters, and its earlier proposals. `store` is
 * the pair's scoped store (`pairStore`), so the strategy keys read are the pair's own.
 */
export function loadAdvisorInput(store: Store, catalog: StrategyCatalog, settings: AdvisorInputSettings, now: number): AdvisorInput {
  const pair = { symbol: settings.symbol, legacySymbol: settings.legacySymbol ?? settings.symbol };
  const candles = store.candles.latest(settings.symbol, settings.timeframe, settings.candleCount, now - TIMEFRAME_MS[settings.timeframe]);
  const windowStart = candles[0]?.openTime ?? now - settings.candleCount * TIMEFRAME_MS[settings.timeframe];
  const activeStrategy = store.config.get<string>(CONFIG_KEYS.activeStrategy) ?? settings.defaultStrategy;
  const stored = store.config.get<StrategyParams>(CONFIG_KEYS.strategyParams(activeStrategy));
  const definition = catalog.definition(activeStrategy);
  const defaults = definition ? baseParams(definition, settings.strategySettings) : {};
  const first = store.equity.first();
  return {
    now,
    symbol: settings.symbol,
    timeframe: settings.timeframe,
    candles,
    metrics: store.metrics.list(pair, { limit: 1 }).items[0] ?? null,
    equitySeries: store.equity.series(windowStart, pair),
    startingEquity: first ? Number(first.equity) : null,
    activeStrategy,
    params: { ...defaults, ...(stored ?? {}) },
    recentApprovals: store.approvals.list(pair, { limit: 5 }).items,
  };
}
