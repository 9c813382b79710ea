import type { Fill, Order } from '../domain/orders.js';
import { applyFill } from '../portfolio/position.js';
import type { AuditEventInput } from '../ports/auditLog.js';
import type { BrokerUpdate } from '../ports/broker.js';
import type { Store } from '../ports/store.js';

export interface AppliedUpdate {
  readonly orders: readonly Order[];
  /** Only fills that were not recorded before (trade ids are unique): each fill moves the position once. */
  readonly fills: readonly Fill[];
}

/**
 * Writes what the exchange reported outside a trading cycle (reconciliation on start, the manual
 * live order endpoint) in one transaction: orders upserted by client order id, fills inserted by
 * trade id, and the position moved only by fills inserted now — so replaying the same update after
 * a crash changes nothing.
 */
export function applyBrokerUpdate(
  store: Store,
  update: BrokerUpdate,
  now: number,
  actor: string,
  correlationId: string | null,
): AppliedUpdate {
  return store.transaction(() => {
    const events: AuditEventInput[] = [];
    for (const order of update.orders) {
      const before = store.orders.byClientId(order.clientOrderId);
      if (before) store.orders.update(order);
      else store.orders.insert(order);
      if (before?.status !== order.status) {
        events.push({
          time: now,
          type: 'order.status',
          actor,
          reason: `${before?.status ?? 'none'} → ${order.status}`,
          inputs: { clientOrderId: order.clientOrderId, exchangeOrderId: order.exchangeOrderId, filledQuantity: order.filledQuantity },
          outcome: order.status,
          correlationId,
        });
      }
    }
    const fills: Fill[] = [];
    for (const fill of update.fills) {
      if (!store.fills.insert(fill)) continue;
      fills.push(fill);
      const { position } = applyFill(store.positions.get(fill.symbol), fill);
      store.positions.upsert(position);
      events.push({
        time: now,
        type: 'fill.recorded',
        actor,
        reason: `${fill.side} ${fill.quantity} @ ${fill.price}`,
        inputs: { ...fill },
        correlationId,
      });
    }
    for (const e of events) store.audit.append(e);
    return { orders: update.orders, fills };
  });
}
