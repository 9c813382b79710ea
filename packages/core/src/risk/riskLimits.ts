import type { AppConfig } from '../config/parseConfig.js';

/**
 * The risk engine's limits, from the RISK_* variables (percentages stay percentages). A limit of 0
 * switches that check off, except RISK_MAX_OPEN_ORDERS (0 = no resting orders) and
 * RISK_MAX_POSITION_PCT (0 = never buy).
 */
export interface RiskLimits {
  readonly orderSizePct: number;
  /** Per pair: one pair's position (and resting buys) as % of the whole account's equity. */
  readonly maxPositionPct: number;
  /**
   * Every pair's positions and resting buys together, as % of equity (RISK_MAX_TOTAL_EXPOSURE_PCT,
   * 1–100; 100 lets the whole account be invested). Absent = 100.
   */
  readonly maxTotalExposurePct?: number;
  readonly maxOrderNotional: number;
  readonly maxOpenOrders: number;
  readonly dailyLossLimitPct: number;
  readonly maxDrawdownPct: number;
  /** 0 = auto: two lengths of the primary timeframe. */
  readonly maxDataAgeSeconds: number;
  readonly takerFeePct: number;
  readonly makerFeePct: number;
  /** The paper fill model's slippage, so a market buy the engine allows is one the broker can pay. */
  readonly slippageBps: number;
}

export type RiskConfig = Pick<
  AppConfig,
  | 'RISK_ORDER_SIZE_PCT'
  | 'RISK_MAX_POSITION_PCT'
  | 'RISK_MAX_TOTAL_EXPOSURE_PCT'
  | 'RISK_MAX_ORDER_NOTIONAL'
  | 'RISK_MAX_OPEN_ORDERS'
  | 'RISK_DAILY_LOSS_LIMIT_PCT'
  | 'RISK_MAX_DRAWDOWN_PCT'
  | 'RISK_MAX_DATA_AGE_SECONDS'
  | 'TRADING_FEE_TAKER_PCT'
  | 'TRADING_FEE_MAKER_PCT'
  | 'TRADING_PAPER_SLIPPAGE_BPS'
>;

export function riskLimitsFromConfig(config: RiskConfig): RiskLimits {
  return {
    orderSizePct: config.RISK_ORDER_SIZE_PCT,
    maxPositionPct: config.RISK_MAX_POSITION_PCT,
    maxTotalExposurePct: config.RISK_MAX_TOTAL_EXPOSURE_PCT,
    maxOrderNotional: config.RISK_MAX_ORDER_NOTIONAL,
    maxOpenOrders: config.RISK_MAX_OPEN_ORDERS,
    dailyLossLimitPct: config.RISK_DAILY_LOSS_LIMIT_PCT,
    maxDrawdownPct: config.RISK_MAX_DRAWDOWN_PCT,
    maxDataAgeSeconds: config.RISK_MAX_DATA_AGE_SECONDS,
    takerFeePct: config.TRADING_FEE_TAKER_PCT,
    makerFeePct: config.TRADING_FEE_MAKER_PCT,
    slippageBps: config.TRADING_PAPER_SLIPPAGE_BPS,
  };
}

/** Milliseconds after a candle's close beyond which its data is stale. */
export function maxDataAgeMs(limits: RiskLimits, timeframeMs: number): number {
  return limits.maxDataAgeSeconds > 0 ? limits.maxDataAgeSeconds * 1000 : 2 * timeframeMs;
}
