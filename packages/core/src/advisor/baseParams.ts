import type { StrategyDefinition, StrategyParams, StrategySettings } from '../strategy/types.js';

/**
 * A strategy's parameters before anything is stored: schema defaults, overridden by defaults taken
 * from the environment (e.g. TRADING_GRID_COOLDOWN_SECONDS), exactly as the strategy host builds
 * them, so a proposal never silently replaces an environment default with the schema's.
 */
export function baseParams(definition: StrategyDefinition, settings?: StrategySettings): StrategyParams {
  return { ...definition.defaults, ...(settings ? definition.defaultsFromSettings?.(settings) : {}) } as StrategyParams;
}
