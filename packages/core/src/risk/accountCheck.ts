import type { RiskReasonCode } from './reasonCodes.js';
import type { RiskLimits } from './riskLimits.js';

export interface AccountCheckInput {
  readonly equity: number;
  readonly peakEquity: number;
  /** Equity at the start of the current UTC day. */
  readonly dayStartEquity: number;
}

export interface AccountCheck {
  /** Drawdown breached: the cycle must enter EMERGENCY_STOP and cancel open orders. */
  readonly emergencyStop: boolean;
  /** Daily loss breached: no new buys today (sells that reduce risk remain allowed). */
  readonly blockBuys: boolean;
  readonly reasons: RiskReasonCode[];
  readonly drawdownPct: number;
  readonly dailyLossPct: number;
}

/** Percent `value` is below `reference`; 0 when above or when there is no reference yet. */
export function lossPct(value: number, reference: number): number {
  return reference > 0 && value < reference ? ((reference - value) / reference) * 100 : 0;
}

/**
 * The account-level rules, run every cycle (also on HOLD) in plain numbers: equity marks are
 * floats, and this runs on the per-candle path of a backtest.
 */
export function checkAccount(input: AccountCheckInput, limits: RiskLimits): AccountCheck {
  const drawdownPct = lossPct(input.equity, input.peakEquity);
  const dailyLossPct = lossPct(input.equity, input.dayStartEquity);
  const emergencyStop = limits.maxDrawdownPct > 0 && drawdownPct >= limits.maxDrawdownPct;
  const blockBuys = limits.dailyLossLimitPct > 0 && dailyLossPct >= limits.dailyLossLimitPct;
  const reasons: RiskReasonCode[] = [];
  if (emergencyStop) reasons.push('MAX_DRAWDOWN');
  if (blockBuys) reasons.push('DAILY_LOSS_LIMIT');
  return { emergencyStop, blockBuys, reasons, drawdownPct, dailyLossPct };
}
