import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SYMBOLS, type FakeSymbolSpec, REQUEST_WEIGHT_LIMIT } from './exchangeInfo.js';
import { type Fault, FaultPlan } from './faults.js';
import { MarketTape, type TapeData } from './marketTape.js';
import { publicRoutes } from './publicRoutes.js';
import { BinanceApiError, type Route, type RouteContext, type RouteReply } from './routes.js';
import { WeightMeter } from './weightMeter.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Real time the request arrived (ms). */
  readonly at: number;
  readonly status: number;
  /** Sent while a 429/418 Retry-After was still running: what gets an IP banned. */
  readonly beforeRetryAfter: boolean;
}

export interface FakeBinanceOptions {
  readonly candles: TapeData;
  /** Initial market time. */
  readonly marketTime: number;
  readonly symbols?: readonly FakeSymbolSpec[];
  readonly weightLimit?: number;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Market milliseconds per real millisecond (0: the market clock only moves when told). */
  readonly speed?: number;
  /** Further endpoints, e.g. the signed order routes. */
  readonly routes?: readonly Route[];
  /**
   * The exchange's wall clock in ms (default `Date.now`): the UTC minute its request weight is
   * counted in, and when a Retry-After ends. A test that must not see the minute roll over between
   * two requests passes a fixed one.
   */
  readonly wallClock?: () => number;
}

export interface FakeBinance {
  readonly url: string;
  readonly tape: MarketTape;
  readonly faults: FaultPlan;
  readonly weight: WeightMeter;
  readonly requests: RecordedRequest[];
  /** Shift the exchange's clock (`/time`, exchangeInfo) away from the candles' market time. */
  setClockSkew(ms: number): void;
  inject(fault: Fault): void;
  addRoutes(routes: readonly Route[]): void;
  close(): Promise<void>;
}

/** A protocol-faithful fake of Binance's spot REST API on 127.0.0.1 and a random port. */
export async function startFakeBinance(options: FakeBinanceOptions): Promise<FakeBinance> {
  const tape = new MarketTape(options.candles, options.marketTime);
  if (options.speed) tape.clock.setSpeed(options.speed);
  const faults = new FaultPlan();
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, Route>();
  const addRoutes = (list: readonly Route[]) => {
    for (const r of list) routes.set(`${r.method} ${r.path}`, r);
  };
  addRoutes(publicRoutes(options.symbols ?? DEFAULT_SYMBOLS));
  addRoutes(options.routes ?? []);
  const wallClock = options.wallClock ?? Date.now;
  const weight = new WeightMeter(options.weightLimit ?? REQUEST_WEIGHT_LIMIT, wallClock);
  let skew = 0;
  let blockedUntil = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = wallClock();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = new URLSearchParams(await readBody(req));
    for (const [k, v] of url.searchParams) params.set(k, v);
    const beforeRetryAfter = at < blockedUntil;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        params: Object.fromEntries(params),
        headers: req.headers,
        at,
        status,
        beforeRetryAfter,
      });
      res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
      res.end(body);
    };
    const limited = (status: 429 | 418, seconds: number, code: number, msg: string) => {
      blockedUntil = Math.max(blockedUntil, wallClock() + seconds * 1000);
      send(status, JSON.stringify({ code, msg }), { 'Retry-After': String(seconds) });
    };
    // Binance escalates to an IP ban when a client ignores Retry-After.
    if (beforeRetryAfter) return limited(418, Math.ceil((blockedUntil - at) / 1000) + 1, -1003, 'Way too many requests; IP banned.');

    const route = routes.get(`${req.method} ${url.pathname}`);
    if (!route) return send(404, '');
    const used = weight.add(typeof route.weight === 'function' ? route.weight(params) : route.weight, at);
    const weightHeader = { 'X-MBX-USED-WEIGHT-1M': String(used) };
    if (used > weight.limit)
      return limited(
        429,
        weight.secondsToReset(at),
        -1003,
        'Too much request weight used; please use WebSocket Streams for live updates to avoid polling the API.',
      );

    const fault = faults.take(url.pathname, params.get('symbol'));
    if (fault?.kind === 'rateLimited')
      return limited(429, fault.retryAfterSeconds, -1003, 'Too many requests; current limit is 6000 request weight per 1 MINUTE.');
    if (fault?.kind === 'banned') return limited(418, fault.retryAfterSeconds, -1003, 'Way too many requests; IP banned.');
    if (fault?.kind === 'serverError')
      return send(
        fault.status ?? 503,
        JSON.stringify({ code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }),
        weightHeader,
      );
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));

    const ctx: RouteContext = {
      method: req.method ?? 'GET',
      path: url.pathname,
      params,
      headers: req.headers,
      tape,
      faults,
      serverTime: () => Math.floor(tape.clock.now() + skew),
    };
    let reply: RouteReply;
    try {
      reply = await route.handle(ctx);
    } catch (error) {
      if (!(error instanceof BinanceApiError)) throw error;
      return send(error.status, JSON.stringify({ code: error.code, msg: error.message }), weightHeader);
    }
    let body = JSON.stringify(reply.body);
    if (fault?.kind === 'outOfOrder' && Array.isArray(reply.body)) body = JSON.stringify([...reply.body].reverse());
    if (fault?.kind === 'malformedJson') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    send(reply.status ?? 200, body, { ...weightHeader, ...reply.headers });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: -1000, msg: `fake server failure: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    tape,
    faults,
    weight,
    requests,
    setClockSkew: (ms) => {
      skew = ms;
    },
    inject: (fault) => {
      faults.inject(fault);
    },
    addRoutes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
