import { type Dec, dec } from '@warden/core/money/decimal';
import { DEFAULT_SYMBOLS, type FakeSymbolSpec } from './exchangeInfo.js';
import { BinanceApiError, type Route, type RouteContext, type RouteReply } from './routes.js';
import { FakeAccount } from './signed/fakeAccount.js';
import { MatchingEngine } from './signed/matchingEngine.js';
import { OrderFaults } from './signed/orderFaults.js';
import { type ApiCredentials, verifySigned } from './signed/signature.js';
import { fullAckWire, orderWire, tradeWire } from './signed/wireOrders.js';

export interface SignedExchangeOptions extends ApiCredentials {
  readonly symbols?: readonly FakeSymbolSpec[];
  /** Starting free balances per asset, e.g. `{ USDT: '10000', BTC: '0' }`. */
  readonly balances?: Readonly<Record<string, string>>;
}

/** The signed side of the fake exchange: one account, its order book, and order-endpoint faults. */
export interface SignedExchange {
  readonly routes: readonly Route[];
  readonly engine: MatchingEngine;
  readonly account: FakeAccount;
  readonly faults: OrderFaults;
  /**
   * Overrides the tape's last price for `symbol` (resting orders it crosses fill on the next signed
   * request). With `liquidity`, only that much base trades against them at this price (shared,
   * oldest first): the rest of an order rests PARTIALLY_FILLED. A new price without it is unlimited again.
   */
  setPrice(symbol: string, price: string, options?: { readonly liquidity?: string }): void;
  /** Every order the exchange ever accepted with this client id (a correct client never has two). */
  ordersWithClientId(clientOrderId: string): number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * `POST/GET/DELETE /api/v3/order`, `GET /api/v3/openOrders`, `GET /api/v3/myTrades` and
 * `GET /api/v3/account`, signed with HMAC-SHA256, answering in Binance's wire format and error
 * codes (-1013 filters, -2010 balance/duplicate, -2011 cancel of an unknown order, -2013 query of
 * one, -1021 timestamp, -1022 signature). Add to a fake server with `fake.addRoutes(x.routes)`.
 */
export function createSignedExchange(options: SignedExchangeOptions): SignedExchange {
  const specs = options.symbols ?? DEFAULT_SYMBOLS;
  const account = new FakeAccount(options.balances ?? { USDT: '10000' });
  const engine = new MatchingEngine(account, specs);
  const faults = new OrderFaults();
  const prices = new Map<string, Dec>();

  const priceOf = (ctx: RouteContext, symbol: string): Dec => {
    const set = prices.get(symbol);
    if (set) return set;
    const latest = ctx.tape.latest(symbol);
    if (!latest) throw new BinanceApiError(400, -1121, 'Invalid symbol.');
    return dec(latest.candle.close);
  };
  /** Signature, timestamp, then a symbol whose resting orders are matched against the current price first. */
  const signed = (ctx: RouteContext, symbolRequired: boolean): string | null => {
    verifySigned(ctx, options);
    const symbol = ctx.params.get('symbol');
    if (!symbol) {
      if (symbolRequired) throw new BinanceApiError(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
      for (const s of new Set(engine.open().map((o) => o.symbol))) engine.match(s, priceOf(ctx, s), ctx.serverTime());
      return null;
    }
    engine.spec(symbol);
    engine.match(symbol, priceOf(ctx, symbol), ctx.serverTime());
    return symbol;
  };
  const findOrder = (ctx: RouteContext, symbol: string, code: number, msg: string) => {
    const orderId = ctx.params.get('orderId');
    const clientId = ctx.params.get('origClientOrderId');
    if (!orderId && !clientId)
      throw new BinanceApiError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    const order = orderId ? engine.byOrderId(symbol, Number(orderId)) : engine.byClientId(symbol, clientId as string);
    if (!order) throw new BinanceApiError(400, code, msg);
    return order;
  };

  const place = async (ctx: RouteContext): Promise<RouteReply> => {
    const symbol = signed(ctx, true) as string;
    const side = ctx.params.get('side');
    const type = ctx.params.get('type');
    if (side !== 'BUY' && side !== 'SELL')
      throw new BinanceApiError(400, -1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed.");
    if (type !== 'MARKET' && type !== 'LIMIT') throw new BinanceApiError(400, -1116, 'Invalid orderType.');
    const decimal = (name: string): Dec | null => {
      const raw = ctx.params.get(name);
      if (raw === null) return null;
      if (!/^\d+(\.\d+)?$/.test(raw)) throw new BinanceApiError(400, -1100, `Illegal characters found in parameter '${name}'.`);
      return dec(raw);
    };
    const quantity = decimal('quantity');
    const quoteOrderQty = decimal('quoteOrderQty');
    const price = decimal('price');
    if (type === 'LIMIT' && (!price || !quantity || ctx.params.get('timeInForce') === null))
      throw new BinanceApiError(400, -1102, 'Mandatory parameter was not sent, was empty/null, or malformed.');
    if (!quantity && !(type === 'MARKET' && quoteOrderQty))
      throw new BinanceApiError(400, -1102, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.");
    const clientOrderId = ctx.params.get('newClientOrderId') ?? `fake-${Date.now()}`;
    if (!/^[.A-Za-z0-9:/_-]{1,36}$/.test(clientOrderId))
      throw new BinanceApiError(
        400,
        -1100,
        "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.",
      );
    const partial = faults.take('partialFill');
    const order = engine.place(
      { symbol, side, type, quantity, quoteOrderQty, price, clientOrderId, fillRatio: partial?.ratio ?? 1 },
      priceOf(ctx, symbol),
      ctx.serverTime(),
    );
    // The order exists from here on, whatever the client hears next.
    const after = faults.take('timeoutAfterAccept', 'errorAfterAccept', 'resetAfterAccept');
    const body = fullAckWire(order, engine.trades);
    if (after?.kind === 'timeoutAfterAccept') await sleep(after.delayMs ?? 30_000);
    if (after?.kind === 'errorAfterAccept')
      return {
        status: after.status,
        body: { code: after.code, msg: after.msg ?? 'Internal error; unable to process your request. Please try again.' },
      };
    if (after?.kind === 'resetAfterAccept') {
      // A Content-Length beyond the body and Connection: close: the client gets half a response and a closed socket.
      return { body, headers: { 'Content-Length': String(JSON.stringify(body).length + 64), Connection: 'close' } };
    }
    return { body };
  };

  const routes: Route[] = [
    { method: 'POST', path: '/api/v3/order', weight: 1, handle: place },
    {
      // Public, but it answers with the price MARKET orders are checked and matched at here.
      method: 'GET',
      path: '/api/v3/avgPrice',
      weight: 2,
      handle: (ctx) => {
        const symbol = ctx.params.get('symbol');
        if (!symbol) throw new BinanceApiError(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        engine.spec(symbol);
        return { body: { mins: 5, price: priceOf(ctx, symbol).toFixed(8), closeTime: ctx.serverTime() } };
      },
    },
    {
      method: 'GET',
      path: '/api/v3/order',
      weight: 4,
      handle: (ctx) => {
        const symbol = signed(ctx, true) as string;
        return { body: orderWire(findOrder(ctx, symbol, -2013, 'Order does not exist.')) };
      },
    },
    {
      method: 'DELETE',
      path: '/api/v3/order',
      weight: 1,
      handle: (ctx) => {
        const symbol = signed(ctx, true) as string;
        const order = findOrder(ctx, symbol, -2011, 'Unknown order sent.');
        engine.cancel(order, ctx.serverTime());
        return { body: { ...orderWire(order), origClientOrderId: order.clientOrderId, transactTime: order.updateTime } };
      },
    },
    {
      method: 'GET',
      path: '/api/v3/openOrders',
      weight: (p) => (p.get('symbol') ? 6 : 80),
      handle: (ctx) => ({ body: engine.open(signed(ctx, false) ?? undefined).map(orderWire) }),
    },
    {
      method: 'GET',
      path: '/api/v3/myTrades',
      weight: 20,
      handle: (ctx) => {
        const symbol = signed(ctx, true) as string;
        const orderId = ctx.params.get('orderId');
        const fromId = ctx.params.get('fromId');
        const start = Number(ctx.params.get('startTime') ?? 0);
        const end = Number(ctx.params.get('endTime') ?? Number.MAX_SAFE_INTEGER);
        const limit = Math.min(1000, Number(ctx.params.get('limit') ?? 500));
        const rows = engine.trades.filter(
          (t) =>
            t.symbol === symbol &&
            (orderId === null || t.orderId === Number(orderId)) &&
            (fromId === null || t.id >= Number(fromId)) &&
            t.time >= start &&
            t.time <= end,
        );
        return { body: rows.slice(0, limit).map(tradeWire) };
      },
    },
    {
      method: 'GET',
      path: '/api/v3/account',
      weight: 20,
      handle: (ctx) => {
        signed(ctx, false);
        return {
          body: {
            makerCommission: 10,
            takerCommission: 10,
            buyerCommission: 0,
            sellerCommission: 0,
            commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
            canTrade: true,
            canWithdraw: true,
            canDeposit: true,
            brokered: false,
            requireSelfTradePrevention: false,
            preventSor: false,
            updateTime: ctx.serverTime(),
            accountType: 'SPOT',
            balances: account.wire(),
            permissions: ['SPOT'],
            uid: 354937868,
          },
        };
      },
    },
  ];

  return {
    routes,
    engine,
    account,
    faults,
    setPrice: (symbol, price, options) => {
      prices.set(symbol, dec(price));
      engine.setLiquidity(symbol, options?.liquidity === undefined ? null : dec(options.liquidity));
    },
    ordersWithClientId: (id) => engine.orders.filter((o) => o.clientOrderId === id).length,
  };
}
