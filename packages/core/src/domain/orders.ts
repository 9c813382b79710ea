/** Orders, fills and positions as they are persisted. Money is carried as exact decimal strings. */

export type Side = 'BUY' | 'SELL';
export type OrderType = 'MARKET' | 'LIMIT';
export type TradingMode = 'paper' | 'live';

/**
 * Order life cycle. `PENDING_SUBMIT`: intent persisted, not yet acknowledged by the venue.
 * `UNKNOWN`: sent, but the venue's answer was lost (timeout, 5xx, -1007) — it must be resolved
 * by querying, never by sending again.
 */
export const ORDER_STATUSES = [
  'PENDING_SUBMIT',
  'NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
  'UNKNOWN',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['PENDING_SUBMIT', 'NEW', 'PARTIALLY_FILLED', 'UNKNOWN'];

export function isOpenStatus(status: OrderStatus): boolean {
  return OPEN_ORDER_STATUSES.includes(status);
}

/** What the cycle asks a broker to do. Quantity and price are already quantized to the symbol's filters. */
export interface OrderIntent {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: string;
  readonly price: string | null; // limit price; null for market orders
  readonly cycleId: string | null;
  readonly reason: string;
  /** Strategy tag carried to the order and back to the strategy on fill (e.g. grid level). */
  readonly tag: string | null;
}

export interface Order {
  readonly clientOrderId: string;
  readonly exchangeOrderId: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly status: OrderStatus;
  readonly quantity: string;
  readonly price: string | null;
  readonly filledQuantity: string;
  readonly avgFillPrice: string | null;
  readonly mode: TradingMode;
  readonly cycleId: string | null;
  readonly reason: string;
  readonly tag: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Fill {
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly price: string;
  readonly quantity: string;
  readonly quoteQuantity: string;
  readonly fee: string;
  readonly feeAsset: string;
  readonly liquidity: 'maker' | 'taker';
  readonly time: number;
}

export interface Position {
  readonly symbol: string;
  readonly quantity: string;
  readonly avgEntryPrice: string;
  readonly realizedPnl: string;
  readonly updatedAt: number;
}

/**
 * One mark of the account. `equity` and `quoteBalance` are the whole account's (every pair shares
 * the quote); `baseBalance`, `price` and the PnL fields are those of the pair whose cycle wrote the
 * row (`symbol`; null on rows written before several pairs were traded).
 */
export interface EquitySnapshot {
  readonly time: number;
  readonly cycleId: string | null;
  readonly symbol?: string | null;
  readonly equity: string;
  readonly quoteBalance: string;
  readonly baseBalance: string;
  readonly price: string;
  readonly unrealizedPnl: string;
  readonly realizedPnl: string;
}

export interface MetricsSnapshot {
  readonly time: number;
  readonly cycleId: string | null;
  /** The pair the trade statistics are of (null: the account, or a row from before several pairs). */
  readonly symbol?: string | null;
  readonly totalReturnPct: number;
  readonly maxDrawdownPct: number;
  readonly winRate: number;
  readonly profitFactor: number | null;
  readonly sharpe: number | null;
  readonly feesPaid: number;
  readonly tradeCount: number;
  readonly exposurePct: number;
}
