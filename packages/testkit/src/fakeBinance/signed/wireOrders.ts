import type { FakeOrder, FakeTrade } from './matchingEngine.js';

const f8 = (d: { toFixed(n: number): string }) => d.toFixed(8);

/** An order as `GET /api/v3/order` and `GET /api/v3/openOrders` send it. */
export function orderWire(o: FakeOrder): Record<string, unknown> {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: f8(o.price),
    origQty: f8(o.origQty),
    executedQty: f8(o.executedQty),
    cummulativeQuoteQty: f8(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.type === 'LIMIT' ? 'GTC' : 'GTC',
    type: o.type,
    side: o.side,
    stopPrice: '0.00000000',
    icebergQty: '0.00000000',
    time: o.time,
    updateTime: o.updateTime,
    isWorking: true,
    workingTime: o.time,
    origQuoteOrderQty: '0.00000000',
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** `POST /api/v3/order` with newOrderRespType=FULL: the order plus the fills it made on arrival. */
export function fullAckWire(o: FakeOrder, trades: readonly FakeTrade[]): Record<string, unknown> {
  const { time, updateTime, isWorking, stopPrice, icebergQty, origQuoteOrderQty, ...rest } = orderWire(o);
  void time;
  void updateTime;
  void isWorking;
  void stopPrice;
  void icebergQty;
  void origQuoteOrderQty;
  return {
    ...rest,
    transactTime: o.time,
    fills: trades
      .filter((t) => t.orderId === o.orderId)
      .map((t) => ({
        price: f8(t.price),
        qty: f8(t.qty),
        commission: f8(t.commission),
        commissionAsset: t.commissionAsset,
        tradeId: t.id,
      })),
  };
}

export function tradeWire(t: FakeTrade): Record<string, unknown> {
  return {
    symbol: t.symbol,
    id: t.id,
    orderId: t.orderId,
    orderListId: -1,
    price: f8(t.price),
    qty: f8(t.qty),
    quoteQty: f8(t.quoteQty),
    commission: f8(t.commission),
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.isBuyer,
    isMaker: t.isMaker,
    isBestMatch: true,
  };
}
