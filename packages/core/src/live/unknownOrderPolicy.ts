import type { Order } from '../domain/orders.js';

export type UnknownOrderPolicy = 'report' | 'adopt' | 'cancel';

/** An open order the exchange lists that the database does not know (placed by hand, another bot, or lost). */
export interface ForeignOrder {
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly symbol: string;
}

export interface OpenOrderMatch {
  /** On the exchange, not in the database. */
  readonly foreign: readonly ForeignOrder[];
  /** Open in the database but not listed as open by the exchange: look each one up (filled, canceled, never placed). */
  readonly vanished: readonly Order[];
}

/** Matches the exchange's open orders for one symbol with the database's open orders, by client order id. */
export function matchOpenOrders(dbOpen: readonly Order[], exchangeOpen: readonly ForeignOrder[]): OpenOrderMatch {
  const known = new Set(dbOpen.map((o) => o.clientOrderId));
  const listed = new Set(exchangeOpen.map((o) => o.clientOrderId));
  return {
    foreign: exchangeOpen.filter((o) => !known.has(o.clientOrderId)),
    vanished: dbOpen.filter((o) => !listed.has(o.clientOrderId)),
  };
}
