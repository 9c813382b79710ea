import type { AppConfig } from '../config/parseConfig.js';
import type { StrategySettings } from '../strategy/types.js';

export function strategySettingsFromConfig(config: AppConfig): StrategySettings {
  return {
    symbol: config.TRADING_SYMBOL,
    timeframes: config.TRADING_TIMEFRAMES,
    primaryTimeframe: config.primaryTimeframe,
    gridSpacingMode: config.TRADING_GRID_SPACING_MODE,
    gridCooldownSeconds: config.TRADING_GRID_COOLDOWN_SECONDS,
    gridAutoInventoryBootstrap: config.TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP,
    makerFee: config.TRADING_FEE_MAKER_PCT / 100,
    takerFee: config.TRADING_FEE_TAKER_PCT / 100,
  };
}
