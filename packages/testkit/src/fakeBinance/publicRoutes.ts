import { isTimeframe, TIMEFRAME_MS } from '@warden/core/domain/market';
import { exchangeInfoSymbol, type FakeSymbolSpec, RATE_LIMITS } from './exchangeInfo.js';
import { BinanceApiError, type Route, type RouteContext } from './routes.js';
import { fixed8, klineRow } from './wireFormat.js';

function requireSymbol(ctx: RouteContext, symbols: readonly FakeSymbolSpec[]): FakeSymbolSpec {
  const name = ctx.params.get('symbol');
  if (!name) throw new BinanceApiError(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  const spec = symbols.find((s) => s.symbol === name);
  if (!spec) throw new BinanceApiError(400, -1121, 'Invalid symbol.');
  return spec;
}

function optionalInt(ctx: RouteContext, name: string): number | undefined {
  const raw = ctx.params.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw))
    throw new BinanceApiError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  return Number(raw);
}

function lastPrice(ctx: RouteContext, spec: FakeSymbolSpec): number {
  const latest = ctx.tape.latest(spec.symbol);
  if (!latest) throw new BinanceApiError(400, -1121, 'Invalid symbol.');
  return latest.candle.close;
}

/** Spot market-data endpoints, answering as documented in binance-spot-api/rest-api.md. */
export function publicRoutes(symbols: readonly FakeSymbolSpec[]): Route[] {
  return [
    { method: 'GET', path: '/api/v3/ping', weight: 1, handle: () => ({ body: {} }) },
    { method: 'GET', path: '/api/v3/time', weight: 1, handle: (ctx) => ({ body: { serverTime: ctx.serverTime() } }) },
    {
      method: 'GET',
      path: '/api/v3/exchangeInfo',
      weight: 20,
      handle: (ctx) => {
        const one = ctx.params.get('symbol');
        const many = ctx.params.get('symbols');
        const wanted = one ? [one] : many ? (JSON.parse(many) as string[]) : symbols.map((s) => s.symbol);
        const listed = wanted.map((name) => {
          const spec = symbols.find((s) => s.symbol === name);
          if (!spec) throw new BinanceApiError(400, -1121, 'Invalid symbol.');
          return exchangeInfoSymbol(spec);
        });
        return { body: { timezone: 'UTC', serverTime: ctx.serverTime(), rateLimits: RATE_LIMITS, exchangeFilters: [], symbols: listed } };
      },
    },
    {
      method: 'GET',
      path: '/api/v3/klines',
      weight: 2,
      handle: (ctx) => {
        const spec = requireSymbol(ctx, symbols);
        const interval = ctx.params.get('interval') ?? '';
        if (!isTimeframe(interval)) throw new BinanceApiError(400, -1120, 'Invalid interval.');
        const limit = optionalInt(ctx, 'limit') ?? 500;
        if (limit < 1 || limit > 1000) throw new BinanceApiError(400, -1130, "Data sent for parameter 'limit' is not valid.");
        const startTime = optionalInt(ctx, 'startTime');
        const endTime = optionalInt(ctx, 'endTime');
        if (startTime !== undefined && endTime !== undefined && startTime > endTime)
          throw new BinanceApiError(400, -1023, 'Start time is greater than end time.');
        const visible = ctx.tape.visible(spec.symbol, interval, startTime ?? 0, endTime ?? Number.MAX_SAFE_INTEGER);
        const shown = visible.filter((c) => !ctx.faults.hides(spec.symbol, interval, c.openTime));
        // With a start time the oldest bars from it; otherwise the most recent ones.
        const page = startTime !== undefined ? shown.slice(0, limit) : shown.slice(-limit);
        return { body: page.map((c) => klineRow(c, interval)) };
      },
    },
    {
      method: 'GET',
      path: '/api/v3/ticker/price',
      weight: (p) => (p.get('symbol') ? 2 : 4),
      handle: (ctx) => {
        if (!ctx.params.get('symbol')) {
          return {
            body: symbols.filter((s) => ctx.tape.latest(s.symbol)).map((s) => ({ symbol: s.symbol, price: fixed8(lastPrice(ctx, s)) })),
          };
        }
        const spec = requireSymbol(ctx, symbols);
        return { body: { symbol: spec.symbol, price: fixed8(lastPrice(ctx, spec)) } };
      },
    },
    {
      method: 'GET',
      path: '/api/v3/ticker/24hr',
      weight: (p) => (p.get('symbol') ? 2 : 80),
      handle: (ctx) => {
        const spec = requireSymbol(ctx, symbols);
        const latest = ctx.tape.latest(spec.symbol);
        if (!latest) throw new BinanceApiError(400, -1121, 'Invalid symbol.');
        const now = ctx.tape.clock.now();
        const day = ctx.tape.visible(spec.symbol, latest.timeframe, now - 86_400_000, now);
        const first = day[0] ?? latest.candle;
        const last = latest.candle;
        const volume = day.reduce((v, c) => v + c.volume, 0);
        const quoteVolume = day.reduce((v, c) => v + c.volume * c.close, 0);
        return {
          body: {
            symbol: spec.symbol,
            priceChange: fixed8(last.close - first.open),
            priceChangePercent: (((last.close - first.open) / first.open) * 100).toFixed(3),
            weightedAvgPrice: fixed8(volume > 0 ? quoteVolume / volume : last.close),
            prevClosePrice: fixed8(first.open),
            lastPrice: fixed8(last.close),
            lastQty: fixed8(Math.min(last.volume, 0.1)),
            bidPrice: fixed8(last.close),
            bidQty: '1.00000000',
            askPrice: fixed8(last.close),
            askQty: '1.00000000',
            openPrice: fixed8(first.open),
            highPrice: fixed8(Math.max(...day.map((c) => c.high), last.high)),
            lowPrice: fixed8(Math.min(...day.map((c) => c.low), last.low)),
            volume: fixed8(volume),
            quoteVolume: fixed8(quoteVolume),
            openTime: now - 86_400_000,
            closeTime: now,
            firstId: 1,
            lastId: Math.max(1, (day.length * TIMEFRAME_MS[latest.timeframe]) / 1000),
            count: Math.max(1, day.length),
          },
        };
      },
    },
  ];
}
