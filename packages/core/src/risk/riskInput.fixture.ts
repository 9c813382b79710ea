import { buildSymbolFilters } from '../execution/symbolFilters.fixture.js';
import type { RiskInput } from './riskInput.js';
import type { RiskLimits } from './riskLimits.js';

export const NOW = Date.UTC(2024, 0, 10, 12, 0, 0);
const FIVE_MINUTES = 300_000;

/** The defaults of the RISK_* variables. */
export function buildRiskLimits(overrides: Partial<RiskLimits> = {}): RiskLimits {
  return {
    orderSizePct: 10,
    maxPositionPct: 50,
    maxTotalExposurePct: 100,
    maxOrderNotional: 1_000,
    maxOpenOrders: 10,
    dailyLossLimitPct: 5,
    maxDrawdownPct: 20,
    maxDataAgeSeconds: 0,
    takerFeePct: 0.1,
    makerFeePct: 0.1,
    slippageBps: 5,
    ...overrides,
  };
}

/** A healthy flat account of 10 000 USDT, BTC at 20 000, a 5m candle that just closed. */
export function buildRiskInput(overrides: Partial<RiskInput> = {}): RiskInput {
  return {
    now: NOW,
    state: 'RUNNING',
    signal: { action: 'BUY', reason: 'test', inputs: {} },
    price: 20_000,
    lastCandle: { openTime: NOW - FIVE_MINUTES, timeframeMs: FIVE_MINUTES },
    filters: buildSymbolFilters(),
    freeBase: '0',
    freeQuote: '10000',
    equity: 10_000,
    peakEquity: 10_000,
    dayStartEquity: 10_000,
    openOrders: 0,
    positionQuantity: '0',
    restingBuyQuantity: '0',
    ...overrides,
  };
}
