import type { Order, OrderStatus } from '../domain/orders.js';

/** What the exchange answered when asked for one of our orders by its client order id. */
export type ExchangeLookup = { readonly found: true; readonly status: OrderStatus } | { readonly found: false };

export type Resolution =
  /** The exchange has it: take the exchange's state. */
  | { readonly action: 'adopt_exchange_state' }
  /** Not (yet) visible: an order still in flight can appear later, so ask again next time. */
  | { readonly action: 'wait' }
  /** Not on the exchange and too old to ever be accepted: it never reached the matching engine. */
  | { readonly action: 'mark_rejected'; readonly reason: string };

/**
 * Margin on top of recvWindow before "not found" is believed. Binance refuses a signed request whose
 * timestamp is older than recvWindow when it reaches the engine, so once that window (plus a safety
 * margin for clock offset) has passed, an order the exchange does not know can never appear.
 */
export const NOT_FOUND_GRACE_MS = 10_000;

/**
 * Resolves an order whose submission outcome we do not know (PENDING_SUBMIT after a crash, UNKNOWN
 * after a timeout/5xx/-1007/reset). It is never resent: a resend could place a second order for one
 * intent. It is only ever looked up by its client order id.
 */
export function resolveUnknownOrder(order: Order, lookup: ExchangeLookup, now: number, recvWindowMs: number): Resolution {
  if (lookup.found) return { action: 'adopt_exchange_state' };
  const age = now - order.updatedAt;
  if (age > recvWindowMs + NOT_FOUND_GRACE_MS) {
    return {
      action: 'mark_rejected',
      reason: `not on the exchange ${Math.round(age / 1000)} s after submission (recvWindow ${recvWindowMs} ms): never placed`,
    };
  }
  return { action: 'wait' };
}

/** Statuses whose outcome must be looked up by client order id before anything else is done. */
export function needsLookup(status: OrderStatus): boolean {
  return status === 'PENDING_SUBMIT' || status === 'UNKNOWN';
}
