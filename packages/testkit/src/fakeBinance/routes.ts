import type { IncomingHttpHeaders } from 'node:http';
import type { FaultPlan } from './faults.js';
import type { MarketTape } from './marketTape.js';

/** What every route handler can see: the request and the fake exchange's state. */
export interface RouteContext {
  readonly method: string;
  readonly path: string;
  /** Query string merged with a form body (query wins, as Binance documents). */
  readonly params: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly tape: MarketTape;
  readonly faults: FaultPlan;
  /** The exchange's clock (market time plus any injected skew). */
  serverTime(): number;
}

export interface RouteReply {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One endpoint. The server is a table of these, so the signed order endpoints
 * (`POST/GET/DELETE /api/v3/order`, openOrders, myTrades, account) can be added from another file.
 */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** Request weight counted into X-MBX-USED-WEIGHT-1M. */
  readonly weight: number | ((params: URLSearchParams) => number);
  handle(ctx: RouteContext): RouteReply | Promise<RouteReply>;
}

/** A Binance error reply: `{"code": -1121, "msg": "Invalid symbol."}` with an HTTP 4xx status. */
export class BinanceApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}
