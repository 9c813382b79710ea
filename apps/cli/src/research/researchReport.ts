import type { AppConfig } from '@warden/core/config/parseConfig';
import type { SearchOptions } from '@warden/core/research/paramSearch';
import type { ResearchResult, SelectMode } from '@warden/core/research/researchPlan';

/** The score's formula as the report states it (see `researchScore`). */
export const SCORE_FORMULA = 'returnPct / max(maxDrawdownPct, 0.01)';

/** The settings a bench run used: enough to reproduce it. No time stamps and no thread count, so equal runs give equal JSON. */
export interface ResearchSettings {
  readonly strategies: readonly string[];
  readonly inSampleFraction: number;
  readonly search: SearchOptions | null;
  readonly select: SelectMode;
  /** TRADING_PAPER_STARTING_EQUITY when set; null: each set starts with 2,000 × its quote's minimum order (10,000 USDT, 0.2 BTC). */
  readonly startingEquity: number | null;
  readonly feeMakerPct: number;
  readonly feeTakerPct: number;
  readonly slippageBps: number;
  readonly gridSpacingMode: string;
  readonly gridAutoInventoryBootstrap: boolean;
  readonly maxDrawdownStopPct: number;
  readonly timeframes: readonly string[];
}

/** What `--json` writes: the settings, every set's rows, the aggregate and each search's candidates. */
export interface ResearchReport extends ResearchResult {
  readonly score: typeof SCORE_FORMULA;
  readonly settings: ResearchSettings;
}

export function researchSettings(
  env: Readonly<Record<string, string | undefined>>,
  config: AppConfig,
  o: {
    strategies: readonly string[];
    inSampleFraction: number;
    search: SearchOptions | null;
    select: SelectMode;
    timeframes: readonly string[];
  },
): ResearchSettings {
  return {
    strategies: o.strategies,
    inSampleFraction: o.inSampleFraction,
    search: o.search,
    select: o.select,
    startingEquity: env.TRADING_PAPER_STARTING_EQUITY !== undefined ? config.TRADING_PAPER_STARTING_EQUITY : null,
    feeMakerPct: config.TRADING_FEE_MAKER_PCT,
    feeTakerPct: config.TRADING_FEE_TAKER_PCT,
    slippageBps: config.TRADING_PAPER_SLIPPAGE_BPS,
    gridSpacingMode: config.TRADING_GRID_SPACING_MODE,
    gridAutoInventoryBootstrap: config.TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP,
    maxDrawdownStopPct: config.RISK_MAX_DRAWDOWN_PCT,
    timeframes: o.timeframes,
  };
}
