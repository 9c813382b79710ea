import type { Candle } from '../../domain/market.js';
import type { Fill, Order, Position } from '../../domain/orders.js';
import { applyFill } from '../../portfolio/position.js';
import type { AuditEventInput } from '../../ports/auditLog.js';
import type { CycleCore } from '../cycleCore.js';
import type { ActiveStrategy, StrategyHost } from '../strategyHost.js';

/** Everything one cycle writes in its transaction (steps 5–7). */
export interface CycleWrites {
  readonly now: number;
  readonly cycleId: string;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly events: readonly AuditEventInput[];
  /** The primary candle decided on, when this cycle decided. */
  readonly decidedCandle: Candle | undefined;
  readonly active: ActiveStrategy | null;
  readonly writeSnapshots: boolean;
  readonly equity: number;
  readonly price: number;
  readonly positionBefore: Position | null;
  readonly replay: boolean;
}

type HostedStrategy = ReturnType<StrategyHost['current']>['strategy'];

/**
 * Step 5, in memory (before the transaction, so the snapshots see this cycle's fills): each fill
 * moves the position, counts in the metrics and is handed to the strategy with its order's tag.
 * Returns the PnL these fills realized.
 */
export function applyFills(core: CycleCore, fills: readonly Fill[], strategy: HostedStrategy): number {
  let realized = 0;
  for (const fill of fills) {
    const result = applyFill(core.position, fill);
    core.setPosition(result.position);
    realized += Number(result.realizedPnl);
    core.deps.metrics.onFill(fill, Number(result.realizedPnl), result.closedQuantity !== '0');
    strategy.onFill?.(fill, core.tags.get(fill.clientOrderId) ?? null);
  }
  return realized;
}

/**
 * Step 5, in the transaction: orders in their latest state, each new fill once (a fill already
 * recorded — a re-run — is skipped) with its `fill.recorded` event, and the position.
 */
export function writeTrades(core: CycleCore, w: CycleWrites): void {
  const store = core.deps.store;
  for (const order of w.orders) {
    if (store.orders.byClientId(order.clientOrderId)) store.orders.update(order);
    else store.orders.insert(order);
  }
  for (const fill of w.fills) {
    if (!store.fills.insert(fill)) continue;
    store.audit.append({
      time: w.now,
      type: 'fill.recorded',
      actor: 'system',
      reason: `${fill.side} ${fill.quantity} @ ${fill.price}`,
      inputs: fill, // fills are never mutated: the event can hold the object itself
      correlationId: w.cycleId,
    });
  }
  if (core.position && core.position !== w.positionBefore) store.positions.upsert(core.position);
}
