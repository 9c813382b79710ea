import type { OrderType, Side } from '../domain/orders.js';
import { type Dec, dec } from '../money/decimal.js';
import { decimalFilters, meetsMinimums, minimumQuantity, notionalBounds, quantizeQuantity } from '../money/filters.js';
import type { RiskReasonCode } from './reasonCodes.js';
import type { OrderPrices, RiskInput } from './riskInput.js';
import type { RiskLimits } from './riskLimits.js';

/**
 * An upper bound on the order's quantity; `reason` null for the exchange's own maximums. Exact
 * whenever it could decide anything; a cap whose float estimate is clearly above the request cannot
 * bind, and keeps that estimate (a number) for the audit instead of an exact division per order.
 */
export interface SizeCap {
  readonly reason: RiskReasonCode | null;
  readonly maxQuantity: Dec | number;
}

type CapKind =
  | 'MAX_QTY'
  | 'MAX_NOTIONAL'
  | 'MAX_ORDER_NOTIONAL'
  | 'MAX_POSITION'
  | 'MAX_TOTAL_EXPOSURE'
  | 'INSUFFICIENT_QUOTE'
  | 'INSUFFICIENT_BASE';

/**
 * A cap before sizing: its float estimate and how far that estimate may be off; `exactCap` computes
 * its exact value (a division) on demand. Caps that cost no division have no estimate (`approx` null).
 * Plain data, no closures: this runs for every order of a backtest.
 */
interface CapCandidate {
  readonly kind: CapKind;
  readonly reason: RiskReasonCode | null;
  readonly approx: number | null;
  readonly error: number;
}

// Float estimates here are a few roundings from exact (relative error ~1e-15); a cap counts as clearly
// above the request only beyond this relative margin, so no rounding can flip a decision.
const CLEAR_MARGIN = 1e-9;

export interface SizedOrder {
  readonly requested: Dec;
  readonly quantity: Dec;
  readonly caps: readonly SizeCap[];
  readonly shrunkBy: readonly RiskReasonCode[];
  /** Non-empty when nothing tradable is left. */
  readonly blockedBy: readonly RiskReasonCode[];
}

export interface SizingRequest {
  readonly input: RiskInput;
  readonly side: Side;
  readonly type: OrderType;
  readonly prices: OrderPrices;
  readonly limits: RiskLimits;
}

/** The quantity the strategy asked for: base quantity, else quote amount, else RISK_ORDER_SIZE_PCT of equity. */
function requestedQuantity({ input, prices, limits }: SizingRequest): Dec {
  const { signal } = input;
  const wanted =
    signal.baseQuantity !== undefined
      ? dec(signal.baseQuantity)
      : dec(signal.quoteAmount ?? (input.equity * limits.orderSizePct) / 100).div(prices.order);
  return wanted.isPositive() ? wanted : ZERO;
}

interface ExactLimits {
  readonly maxOrderNotional: Dec;
  /** RISK_MAX_POSITION_PCT as a fraction. */
  readonly maxPositionFraction: Dec;
  /** RISK_MAX_TOTAL_EXPOSURE_PCT as a fraction. */
  readonly maxTotalExposureFraction: Dec;
  /** 1 + fee rate, per order type (and as a float for the estimates). */
  readonly feeFactor: Readonly<Record<OrderType, Dec>>;
  readonly feeFactorNumber: Readonly<Record<OrderType, number>>;
}

const exactCache = new WeakMap<RiskLimits, ExactLimits>();

/** The limits as exact decimals, parsed once per limits object (every order needs them). */
function exactLimits(limits: RiskLimits): ExactLimits {
  let exact = exactCache.get(limits);
  if (!exact) {
    const feeFactor = {
      LIMIT: dec(1).plus(dec(limits.makerFeePct).div(100)),
      MARKET: dec(1).plus(dec(limits.takerFeePct).div(100)),
    };
    exact = {
      maxOrderNotional: dec(limits.maxOrderNotional),
      maxPositionFraction: dec(limits.maxPositionPct).div(100),
      maxTotalExposureFraction: dec(limits.maxTotalExposurePct ?? 100).div(100),
      feeFactor,
      feeFactorNumber: { LIMIT: feeFactor.LIMIT.toNumber(), MARKET: feeFactor.MARKET.toNumber() },
    };
    exactCache.set(limits, exact);
  }
  return exact;
}

function capCandidates({ input, side, type, prices, limits }: SizingRequest): CapCandidate[] {
  const f = decimalFilters(input.filters);
  const order = prices.order.toNumber();
  const caps: CapCandidate[] = [];
  if (!f.maxQty.isZero()) caps.push({ kind: 'MAX_QTY', reason: null, approx: null, error: 0 });
  // The exchange's maximum binds a MARKET order only where it says so (NOTIONAL.applyMaxToMarket).
  const maxNotional = notionalBounds(input.filters, type).max;
  if (maxNotional !== null) caps.push(ratio('MAX_NOTIONAL', null, maxNotional.toNumber() / order));
  // Order notional is quantity × order price, the same value the exchange's NOTIONAL filter checks.
  if (limits.maxOrderNotional > 0) caps.push(ratio('MAX_ORDER_NOTIONAL', 'MAX_ORDER_NOTIONAL', limits.maxOrderNotional / order));
  if (side === 'BUY') {
    const buyCost = prices.buyCost.toNumber();
    const allowed = (input.equity * limits.maxPositionPct) / 100;
    // Held plus what resting buys may still add, valued at the latest price.
    const held = (Number(input.positionQuantity) + Number(input.restingBuyQuantity)) * input.price;
    caps.push({
      kind: 'MAX_POSITION',
      reason: 'MAX_POSITION',
      approx: (allowed - held) / buyCost,
      // a difference: its error scales with the terms, not with the (possibly tiny) result
      error: ((Math.abs(allowed) + Math.abs(held)) / buyCost) * 1e-12,
    });
    // The whole account's budget: every pair's holdings and resting buys together. With one pair
    // at 100 % it can never bind before the free quote does, so it costs nothing there.
    const other = input.otherPairsExposure ?? 0;
    const totalPct = limits.maxTotalExposurePct ?? 100;
    if (other > 0 || totalPct < 100) {
      const allowedTotal = (input.equity * totalPct) / 100;
      const committed = held + other;
      caps.push({
        kind: 'MAX_TOTAL_EXPOSURE',
        reason: 'MAX_TOTAL_EXPOSURE',
        approx: (allowedTotal - committed) / buyCost,
        error: ((Math.abs(allowedTotal) + Math.abs(committed)) / buyCost) * 1e-12,
      });
    }
    const perUnit = buyCost * exactLimits(limits).feeFactorNumber[type];
    caps.push(ratio('INSUFFICIENT_QUOTE', 'INSUFFICIENT_QUOTE', Number(input.freeQuote) / perUnit));
  } else {
    caps.push({ kind: 'INSUFFICIENT_BASE', reason: 'INSUFFICIENT_BASE', approx: null, error: 0 });
  }
  return caps;
}

function ratio(kind: CapKind, reason: RiskReasonCode | null, approx: number): CapCandidate {
  return { kind, reason, approx, error: Math.abs(approx) * 1e-12 };
}

function exactCap(kind: CapKind, { input, type, prices, limits }: SizingRequest): Dec {
  const f = decimalFilters(input.filters);
  const exact = exactLimits(limits);
  switch (kind) {
    case 'MAX_QTY':
      return f.maxQty;
    case 'MAX_NOTIONAL':
      return (notionalBounds(input.filters, type).max as Dec).div(prices.order);
    case 'MAX_ORDER_NOTIONAL':
      return exact.maxOrderNotional.div(prices.order);
    case 'MAX_POSITION': {
      // Room left under the position limit: the position and resting buys, valued at the latest price.
      const committed =
        input.restingBuyQuantity === '0' ? dec(input.positionQuantity) : dec(input.positionQuantity).plus(input.restingBuyQuantity);
      const room = dec(input.equity).mul(exact.maxPositionFraction).minus(committed.mul(input.price));
      return room.isPositive() ? room.div(prices.buyCost) : ZERO;
    }
    case 'MAX_TOTAL_EXPOSURE': {
      // Room left under the total cap: this pair's position and resting buys at the latest price,
      // plus what the other pairs hold or have committed (already in quote).
      const mine =
        input.restingBuyQuantity === '0' ? dec(input.positionQuantity) : dec(input.positionQuantity).plus(input.restingBuyQuantity);
      const room = dec(input.equity)
        .mul(exact.maxTotalExposureFraction)
        .minus(mine.mul(input.price))
        .minus(input.otherPairsExposure ?? 0);
      return room.isPositive() ? room.div(prices.buyCost) : ZERO;
    }
    case 'INSUFFICIENT_QUOTE':
      // The fee is reserved in quote even though the paper broker takes a buy's fee in base: the
      // margin keeps the check valid on accounts that pay commissions in quote.
      return dec(input.freeQuote).div(prices.buyCost.mul(exact.feeFactor[type]));
    case 'INSUFFICIENT_BASE':
      return dec(input.freeBase);
  }
}

const ZERO = dec(0);

/**
 * Shrinks the request to every cap, truncates it to the lot step, and checks what is left against
 * the exchange minimum. A blocked order names each cap that alone leaves too little, or
 * BELOW_MIN_QTY / BELOW_MIN_NOTIONAL when the request itself was too small.
 */
export function sizeOrder(request: SizingRequest, estimates = true): SizedOrder {
  const { filters } = request.input;
  const requested = requestedQuantity(request);
  const candidates = capCandidates(request);
  const clearlyAbove = requested.toNumber() * (1 + CLEAR_MARGIN);
  const caps: SizeCap[] = candidates.map((c) =>
    estimates && c.approx !== null && c.approx - c.error > clearlyAbove
      ? { reason: c.reason, maxQuantity: c.approx }
      : { reason: c.reason, maxQuantity: exactCap(c.kind, request) },
  );
  let limit = requested;
  for (const cap of caps) if (typeof cap.maxQuantity !== 'number' && cap.maxQuantity.lt(limit)) limit = cap.maxQuantity;
  const quantity = quantizeQuantity(limit, filters);
  const shrunkBy = caps
    .filter((c) => c.reason !== null && typeof c.maxQuantity !== 'number' && c.maxQuantity.lt(requested))
    .map((c) => c.reason as RiskReasonCode);
  // On the step grid, "at least the minimum quantity" is exactly "minQty and minNotional met":
  // checked by multiplication here, the minimum itself (a division) is only needed to explain a block.
  if (meetsMinimums(quantity, request.prices.order, filters, request.type)) return { requested, quantity, caps, shrunkBy, blockedBy: [] };
  const minimum = minimumQuantity(request.prices.order, filters, request.type);

  // Blocked: every cap is made exact, since even one above the request can explain the block.
  const exactCaps = candidates.map((c): { reason: RiskReasonCode | null; maxQuantity: Dec } => ({
    reason: c.reason,
    maxQuantity: exactCap(c.kind, request),
  }));
  const blockedBy: RiskReasonCode[] = [];
  const requestedOnStep = quantizeQuantity(requested, filters);
  if (requestedOnStep.lt(minimum)) {
    if (requestedOnStep.isZero() || requestedOnStep.lt(filters.minQty)) blockedBy.push('BELOW_MIN_QTY');
    if (requestedOnStep.mul(request.prices.order).lt(notionalBounds(filters, request.type).min)) blockedBy.push('BELOW_MIN_NOTIONAL');
  }
  for (const cap of exactCaps)
    if (cap.reason !== null && quantizeQuantity(cap.maxQuantity, filters).lt(minimum)) blockedBy.push(cap.reason);
  if (blockedBy.length === 0) blockedBy.push(quantity.lt(filters.minQty) ? 'BELOW_MIN_QTY' : 'BELOW_MIN_NOTIONAL');
  return { requested, quantity, caps: exactCaps, shrunkBy, blockedBy };
}
