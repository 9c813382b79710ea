import { type Candle, TIMEFRAME_MS } from '../../domain/market.js';
import type { Order, OrderIntent } from '../../domain/orders.js';
import type { TradeSignal } from '../../domain/signal.js';
import type { Balances } from '../../ports/broker.js';
import { restingBuyQuantity } from '../../risk/riskInput.js';
import type { CycleCore } from '../cycleCore.js';
import { clientOrderIdFor } from '../cycleIds.js';
import type { CycleWork } from '../cycleWork.js';

/**
 * Step 3 — the risk engine allows (and sizes) or blocks the signal; either way the decision is
 * recorded with the inputs it was made on. With several pairs the equity is the whole account's
 * and the other pairs' exposure counts, so every pair is sized against one budget. Returns the
 * order to send, or null. The state is read once more right before: an emergency stop that
 * arrived while the cycle was deciding blocks the order (`NOT_RUNNING`).
 */
export function assessSignal(
  core: CycleCore,
  work: CycleWork,
  signal: TradeSignal,
  balances: Balances,
  open: readonly Order[],
): OrderIntent | null {
  const { deps } = core;
  const { settings } = deps;
  const { now, market } = work;
  const lastCandle = work.lastCandle as Candle;
  const equity = deps.account.equityAt(market.price);
  const decision = deps.risk.evaluate({
    now,
    state: deps.state(),
    signal,
    price: market.price,
    lastCandle: { openTime: lastCandle.openTime, timeframeMs: TIMEFRAME_MS[settings.primaryTimeframe] },
    filters: deps.filters,
    freeBase: balances.base.free,
    freeQuote: balances.quote.free,
    openOrders: open.length,
    positionQuantity: core.position?.quantity ?? '0',
    restingBuyQuantity: open.length === 0 ? '0' : restingBuyQuantity(open),
    equity,
    peakEquity: Math.max(deps.watermarks.peakEquity, equity),
    dayStartEquity: deps.watermarks.dayStartEquity || equity,
    otherPairsExposure: deps.account.otherPairsExposure?.() ?? 0,
  });
  work.decision = decision;
  work.record({
    time: now,
    type: decision.decision === 'ALLOW' ? 'risk.allowed' : 'risk.blocked',
    actor: 'system',
    reason:
      decision.decision === 'ALLOW' ? `allowed ${decision.side} ${decision.quantity} @ ${decision.price}` : decision.reasons.join(','),
    // The engine's inputs already end with its outcome (reasons, or quantity/notional/shrunkBy).
    inputs: decision.inputs,
    outcome: decision.decision,
    correlationId: work.cycleId,
  });
  if (decision.decision !== 'ALLOW') return null;
  // The state may have changed while this cycle was deciding (an emergency stop arriving now).
  const stateNow = deps.state();
  if (stateNow !== 'RUNNING') {
    work.record({
      time: now,
      type: 'risk.blocked',
      actor: 'system',
      reason: 'NOT_RUNNING',
      inputs: { reasons: ['NOT_RUNNING'], state: stateNow, note: 'state changed while the cycle was deciding' },
      outcome: 'BLOCK',
      correlationId: work.cycleId,
    });
    return null;
  }
  return {
    clientOrderId: clientOrderIdFor(settings.symbol, settings.primaryTimeframe, lastCandle.openTime, 0),
    symbol: settings.symbol,
    side: decision.side,
    type: decision.type,
    quantity: decision.quantity,
    price: decision.type === 'LIMIT' ? decision.price : null,
    cycleId: work.cycleId,
    reason: signal.reason,
    tag: signal.tag ?? null,
  };
}
