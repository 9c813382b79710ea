import type { OrderType, Side } from '../domain/orders.js';
import { marketFillPrice } from '../execution/fillPricing.js';
import { decStr } from '../money/decimal.js';
import { filterViolations, quantizePrice } from '../money/filters.js';
import { canTrade } from '../state/tradingState.js';
import { type AccountCheck, type AccountCheckInput, checkAccount } from './accountCheck.js';
import { type SizeCap, sizeOrder } from './orderSizing.js';
import type { RiskReasonCode } from './reasonCodes.js';
import type { OrderPrices, RiskInput, RiskInputs } from './riskInput.js';
import { maxDataAgeMs, type RiskLimits } from './riskLimits.js';

export type { OrderPrices, RiskInput, RiskInputs } from './riskInput.js';

export interface RiskAllow {
  readonly decision: 'ALLOW';
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: string;
  /** Limit price, or for a market order the reference price its filters were checked at. */
  readonly price: string;
  readonly notional: string;
  /** Limits that shrank the requested size (the order is still allowed). */
  readonly shrunkBy: readonly RiskReasonCode[];
  readonly inputs: RiskInputs;
}

export interface RiskBlock {
  readonly decision: 'BLOCK';
  readonly reasons: readonly RiskReasonCode[];
  readonly emergencyStop: boolean;
  readonly inputs: RiskInputs;
}

export type RiskDecision = RiskAllow | RiskBlock;

/**
 * Every order passes here. Pure: `now` and all state come in as input, and a block is a returned
 * value, never an exception. Gate rules (state, staleness, open orders, daily loss, drawdown) block
 * outright; size rules (order notional, position, balances) shrink the order to fit and block only
 * when what is left is below the exchange's minimum — then naming the rule that shrank it.
 */
export class RiskEngine {
  constructor(readonly limits: RiskLimits) {}

  checkAccount(input: AccountCheckInput): AccountCheck {
    return checkAccount(input, this.limits);
  }

  evaluate(input: RiskInput): RiskDecision {
    const { signal, filters } = input;
    const side = signal.action;
    const type: OrderType = signal.limitPrice === undefined ? 'MARKET' : 'LIMIT';
    const account = checkAccount(input, this.limits);
    const dataAgeMs = input.now - (input.lastCandle.openTime + input.lastCandle.timeframeMs);
    const inputs: Record<string, RiskInputs[string]> = {
      now: input.now,
      state: input.state,
      side,
      type,
      price: input.price,
      limitPrice: signal.limitPrice ?? null,
      quoteAmount: signal.quoteAmount ?? null,
      baseQuantity: signal.baseQuantity ?? null,
      dataAgeMs,
      maxDataAgeMs: maxDataAgeMs(this.limits, input.lastCandle.timeframeMs),
      freeBase: input.freeBase,
      freeQuote: input.freeQuote,
      equity: input.equity,
      peakEquity: input.peakEquity,
      dayStartEquity: input.dayStartEquity,
      drawdownPct: account.drawdownPct,
      dailyLossPct: account.dailyLossPct,
      openOrders: input.openOrders,
      positionQuantity: input.positionQuantity,
      restingBuyQuantity: input.restingBuyQuantity,
    };
    // Only with several pairs (a single pair's audit stays as it was).
    if (input.otherPairsExposure !== undefined && input.otherPairsExposure !== 0) inputs.otherPairsExposure = input.otherPairsExposure;

    const gates: RiskReasonCode[] = [];
    if (!canTrade(input.state)) gates.push('NOT_RUNNING');
    if (dataAgeMs > maxDataAgeMs(this.limits, input.lastCandle.timeframeMs)) gates.push('STALE_MARKET_DATA');
    if (type === 'LIMIT' && input.openOrders >= this.limits.maxOpenOrders) gates.push('MAX_OPEN_ORDERS');
    if (side === 'BUY' && account.blockBuys) gates.push('DAILY_LOSS_LIMIT');
    if (account.emergencyStop) gates.push('MAX_DRAWDOWN');
    // Gates first: a blocked order needs no exact pricing (a stopped bot still hears every signal).
    if (gates.length > 0) return block(gates, account.emergencyStop, inputs);
    const prices = orderPrices(input, type, this.limits);
    if (!prices) return block(['INVALID_PRICE'], account.emergencyStop, inputs);

    const sized = sizeOrder({ input, side, type, prices, limits: this.limits });
    inputs.requestedQuantity = decStr(sized.requested);
    inputs.caps = sized.caps.map(describeCap);
    if (sized.blockedBy.length > 0) return block(sized.blockedBy, false, inputs);

    const violations = filterViolations(sized.quantity, prices.order, filters, type);
    if (violations.length > 0) {
      inputs.violations = violations;
      return block(['FILTER_VIOLATION'], false, inputs);
    }
    const quantity = decStr(sized.quantity);
    const notional = decStr(sized.quantity.mul(prices.order));
    inputs.quantity = quantity;
    inputs.notional = notional;
    inputs.shrunkBy = sized.shrunkBy;
    return { decision: 'ALLOW', side, type, quantity, price: decStr(prices.order), notional, shrunkBy: sized.shrunkBy, inputs };
  }
}

function orderPrices(input: RiskInput, type: OrderType, limits: RiskLimits): OrderPrices | null {
  if (!(input.price > 0) || !Number.isFinite(input.price)) return null;
  if (type === 'LIMIT') {
    const limitPrice = input.signal.limitPrice as number;
    if (!(limitPrice > 0) || !Number.isFinite(limitPrice)) return null;
    const order = quantizePrice(limitPrice, input.filters, input.signal.action === 'BUY' ? 'down' : 'up');
    // gt(0), not isPositive(): decimal.js counts zero as positive, and a price below half a tick rounds to 0.
    return order.gt(0) ? { order, buyCost: order } : null;
  }
  const order = quantizePrice(input.price, input.filters, 'nearest');
  if (!order.gt(0)) return null;
  return { order, buyCost: marketFillPrice('BUY', input.price, limits.slippageBps, input.filters) };
}

/** A cap for the audit: exact, or `~estimate` for a cap that was clearly above the request (see SizeCap). */
function describeCap(cap: SizeCap): string {
  const value = typeof cap.maxQuantity === 'number' ? `~${Number(cap.maxQuantity.toPrecision(12))}` : decStr(cap.maxQuantity);
  return `${cap.reason ?? 'EXCHANGE_MAX'}<=${value}`;
}

/** The decision's inputs end with its outcome (reasons, or the allowed size), so they are its whole audit record. */
function block(reasons: readonly RiskReasonCode[], emergencyStop: boolean, inputs: Record<string, RiskInputs[string]>): RiskBlock {
  const unique = [...new Set(reasons)];
  inputs.reasons = unique;
  return { decision: 'BLOCK', reasons: unique, emergencyStop, inputs };
}
