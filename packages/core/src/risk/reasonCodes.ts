/**
 * Why the risk engine blocked an order. Stable codes: they are audited, shown in the UI and counted
 * in metrics, so a code is never renamed; new ones are appended.
 */
export const RISK_REASON_CODES = [
  'NOT_RUNNING',
  'STALE_MARKET_DATA',
  'INVALID_PRICE',
  'BELOW_MIN_NOTIONAL',
  'BELOW_MIN_QTY',
  'MAX_POSITION',
  'MAX_ORDER_NOTIONAL',
  'INSUFFICIENT_QUOTE',
  'INSUFFICIENT_BASE',
  'MAX_OPEN_ORDERS',
  'DAILY_LOSS_LIMIT',
  'MAX_DRAWDOWN',
  'FILTER_VIOLATION',
  'MAX_TOTAL_EXPOSURE',
] as const;
export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];

export const RISK_REASON_TEXT: Record<RiskReasonCode, string> = {
  NOT_RUNNING: 'trading state is not RUNNING',
  STALE_MARKET_DATA: 'the last closed candle is older than the allowed data age',
  INVALID_PRICE: 'no usable market or limit price',
  BELOW_MIN_NOTIONAL: "order value is below the symbol's minimum notional",
  BELOW_MIN_QTY: "quantity, truncated to the lot step, is below the symbol's minimum quantity",
  MAX_POSITION: 'the position would exceed RISK_MAX_POSITION_PCT of equity',
  MAX_ORDER_NOTIONAL: 'the order would exceed RISK_MAX_ORDER_NOTIONAL',
  INSUFFICIENT_QUOTE: 'not enough free quote balance for the order plus fee',
  INSUFFICIENT_BASE: 'not enough free base balance (spot, long-only, no borrowing)',
  MAX_OPEN_ORDERS: 'RISK_MAX_OPEN_ORDERS resting orders already open',
  DAILY_LOSS_LIMIT: 'equity fell RISK_DAILY_LOSS_LIMIT_PCT below its UTC day start; new buys blocked',
  MAX_DRAWDOWN: 'equity fell RISK_MAX_DRAWDOWN_PCT below its peak; emergency stop',
  FILTER_VIOLATION: "the order would break the symbol's exchange filters",
  MAX_TOTAL_EXPOSURE: "every pair's positions and resting buys together would exceed RISK_MAX_TOTAL_EXPOSURE_PCT of equity",
};
