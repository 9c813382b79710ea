import type { Fill, Order, OrderIntent, OrderStatus, Side } from '@warden/core/domain/orders';
import { MarketDataError } from '@warden/core/errors/errors';
import { dec, decStr } from '@warden/core/money/decimal';
import { z } from 'zod';

/** Binance's raw order (`POST/GET/DELETE /api/v3/order`, `openOrders`), as ccxt keeps it in `info`. */
export const wireOrderSchema = z.looseObject({
  symbol: z.string(),
  orderId: z.union([z.string(), z.number()]).transform(String),
  clientOrderId: z.string(),
  origClientOrderId: z.string().optional(),
  price: z.string(),
  origQty: z.string(),
  executedQty: z.string(),
  cummulativeQuoteQty: z.string(),
  status: z.string(),
  type: z.string(),
  side: z.enum(['BUY', 'SELL']),
  transactTime: z.number().optional(),
  time: z.number().optional(),
  updateTime: z.number().optional(),
  fills: z
    .array(
      z.looseObject({
        price: z.string(),
        qty: z.string(),
        commission: z.string(),
        commissionAsset: z.string(),
        tradeId: z.union([z.string(), z.number()]).transform(String),
      }),
    )
    .optional(),
});
export type WireOrder = z.infer<typeof wireOrderSchema>;

/** `GET /api/v3/avgPrice`: the average price Binance values MARKET orders at (NOTIONAL filters). */
export const avgPriceSchema = z.looseObject({ mins: z.number(), price: z.string().regex(/^\d+(\.\d+)?$/) });

/** Binance's raw trade (`GET /api/v3/myTrades`). */
export const wireTradeSchema = z.looseObject({
  symbol: z.string(),
  id: z.union([z.string(), z.number()]).transform(String),
  orderId: z.union([z.string(), z.number()]).transform(String),
  price: z.string(),
  qty: z.string(),
  quoteQty: z.string(),
  commission: z.string(),
  commissionAsset: z.string(),
  time: z.number(),
  isBuyer: z.boolean(),
  isMaker: z.boolean(),
});
export type WireTrade = z.infer<typeof wireTradeSchema>;

export function parseWire<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new MarketDataError(
      `unexpected ${what} from Binance: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

const STATUS: Record<string, OrderStatus> = {
  NEW: 'NEW',
  PENDING_NEW: 'NEW',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELED',
  PENDING_CANCEL: 'CANCELED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
  EXPIRED_IN_MATCH: 'EXPIRED',
};

/** Our order updated with what the exchange says about it (quantities and status are the exchange's). */
export function orderFromWire(base: Order, w: WireOrder, now: number): Order {
  const executed = dec(w.executedQty);
  return {
    ...base,
    exchangeOrderId: w.orderId,
    status: STATUS[w.status] ?? 'UNKNOWN',
    filledQuantity: decStr(executed),
    avgFillPrice: executed.isZero() ? null : decStr(dec(w.cummulativeQuoteQty).div(executed).toDecimalPlaces(12)),
    updatedAt: now,
  };
}

/** An order the exchange has that we never recorded (adopted per LIVE_UNKNOWN_ORDER_POLICY=adopt). */
export function adoptedOrder(w: WireOrder, symbol: string, now: number): Order {
  const base: Order = {
    clientOrderId: w.clientOrderId,
    exchangeOrderId: w.orderId,
    symbol,
    side: w.side as Side,
    type: w.type === 'MARKET' ? 'MARKET' : 'LIMIT',
    status: 'NEW',
    quantity: decStr(w.origQty),
    price: dec(w.price).isZero() ? null : decStr(w.price),
    filledQuantity: '0',
    avgFillPrice: null,
    mode: 'live',
    cycleId: null,
    reason: 'adopted from the exchange by reconciliation',
    tag: null,
    createdAt: w.time ?? now,
    updatedAt: now,
  };
  return orderFromWire(base, w, now);
}

export function fillFromTrade(t: WireTrade, order: Order): Fill {
  return {
    tradeId: t.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    price: decStr(t.price),
    quantity: decStr(t.qty),
    quoteQuantity: decStr(t.quoteQty),
    fee: decStr(t.commission),
    feeAsset: t.commissionAsset,
    liquidity: t.isMaker ? 'maker' : 'taker',
    time: t.time,
  };
}

/** Fills reported in a FULL order acknowledgement (taker fills made on arrival). */
export function fillsFromAck(w: WireOrder, order: Order): Fill[] {
  return (w.fills ?? []).map((f) => ({
    tradeId: f.tradeId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    price: decStr(f.price),
    quantity: decStr(f.qty),
    quoteQuantity: decStr(dec(f.price).mul(f.qty)),
    fee: decStr(f.commission),
    feeAsset: f.commissionAsset,
    liquidity: 'taker',
    time: w.transactTime ?? order.updatedAt,
  }));
}

export function pendingOrder(intent: OrderIntent, now: number): Order {
  return {
    clientOrderId: intent.clientOrderId,
    exchangeOrderId: null,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    status: 'PENDING_SUBMIT',
    quantity: intent.quantity,
    price: intent.price,
    filledQuantity: '0',
    avgFillPrice: null,
    mode: 'live',
    cycleId: intent.cycleId,
    reason: intent.reason,
    tag: intent.tag,
    createdAt: now,
    updatedAt: now,
  };
}
