import { assertValidCandles } from '@warden/core/data/candleValidation';
import { closeTimeOf } from '@warden/core/data/timeframeMath';
import { type Candle, exchangeSymbol, type SymbolFilters, type Timeframe } from '@warden/core/domain/market';
import { MarketDataError, TransientExchangeError } from '@warden/core/errors/errors';
import { dec, decStr } from '@warden/core/money/decimal';
import type { CandleSource } from '@warden/core/ports/marketData';
import type { z } from 'zod';
import type { BinanceExchange } from './binanceExchange.js';
import type { RequestGovernor } from './requestGovernor.js';
import type { ServerTimeSample } from './serverTimeSample.js';
import {
  exchangeInfoSchema,
  klinesSchema,
  lotSizeSchema,
  minNotionalSchema,
  notionalSchema,
  priceFilterSchema,
  serverTimeSchema,
  tickerPriceSchema,
} from './wireSchemas.js';

/**
 * Binance spot market data through ccxt's raw endpoints (`publicGetKlines` etc.): the unified
 * methods drop the kline close time and the exact decimal strings of the filters, which are what
 * let us check a response and keep the exchange's rules exact. Every body is checked with zod;
 * anything that does not fit becomes a MarketDataError, never a candle.
 */
export class BinanceCandleSource implements CandleSource {
  constructor(
    private readonly exchange: BinanceExchange,
    private readonly governor: RequestGovernor,
  ) {}

  async fetchCandles(symbol: string, timeframe: Timeframe, startTime: number, limit: number, endTime?: number): Promise<readonly Candle[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new MarketDataError('klines limit must be 1..1000', { limit });
    const params: Record<string, string | number> = { symbol: exchangeSymbol(symbol), interval: timeframe, startTime, limit };
    if (endTime !== undefined) params.endTime = endTime;
    const context = { symbol, timeframe, startTime, endTime, limit };
    const rows = await this.get('klines', () => this.exchange.publicGetKlines(params), klinesSchema, context);
    const candles = rows.map(([openTime, open, high, low, close, volume, closeTime]) => {
      // The close time names the interval the exchange actually served.
      if (closeTime !== closeTimeOf(openTime, timeframe) - 1)
        throw new MarketDataError(`kline close time does not match a ${timeframe} bar`, { ...context, openTime, closeTime });
      return { openTime, open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) };
    });
    assertValidCandles(candles, timeframe, context);
    if (candles.length > limit) throw new MarketDataError('more klines than the limit', { ...context, received: candles.length });
    const outside = candles.find((c) => c.openTime < startTime || (endTime !== undefined && c.openTime > endTime));
    if (outside) throw new MarketDataError('kline outside the requested time range', { ...context, openTime: outside.openTime });
    return candles;
  }

  async fetchPrice(symbol: string): Promise<number> {
    const ticker = await this.get(
      'ticker/price',
      () => this.exchange.publicGetTickerPrice({ symbol: exchangeSymbol(symbol) }),
      tickerPriceSchema,
      { symbol },
    );
    if (ticker.symbol !== exchangeSymbol(symbol))
      throw new MarketDataError('ticker for another symbol', { symbol, received: ticker.symbol });
    const price = Number(ticker.price);
    if (!(price > 0)) throw new MarketDataError('ticker price is not positive', { symbol, price: ticker.price });
    return price;
  }

  async fetchServerTime(): Promise<number> {
    return (await this.sampleServerTime(Date.now)).serverTime;
  }

  /**
   * One server-time reading for the exchange clock, stamped around the attempt that answered:
   * the governor may retry (5xx, timeouts) and wait out Retry-After before it, and each new
   * attempt restamps `sentAt`, so those waits never count as round trip.
   */
  async sampleServerTime(localNow: () => number): Promise<ServerTimeSample> {
    let sentAt = Number.NaN;
    let receivedAt = Number.NaN;
    const body = await this.get(
      'time',
      async () => {
        sentAt = localNow();
        const raw = await this.exchange.publicGetTime();
        receivedAt = localNow();
        return raw;
      },
      serverTimeSchema,
      {},
    );
    return { serverTime: body.serverTime, sentAt, receivedAt };
  }

  async fetchFilters(symbol: string): Promise<SymbolFilters> {
    const info = await this.get(
      'exchangeInfo',
      () => this.exchange.publicGetExchangeInfo({ symbol: exchangeSymbol(symbol) }),
      exchangeInfoSchema,
      { symbol },
    );
    const entry = info.symbols.find((s) => s.symbol === exchangeSymbol(symbol));
    if (!entry) throw new MarketDataError('exchangeInfo does not list the symbol', { symbol });
    const find = <T>(schema: z.ZodType<T>, type: string): T | undefined => {
      const raw = entry.filters.find((f) => f.filterType === type);
      if (raw === undefined) return undefined;
      const parsed = schema.safeParse(raw);
      if (!parsed.success)
        throw new MarketDataError(`malformed ${type} filter`, { symbol, issues: parsed.error.issues.map((i) => i.message) });
      return parsed.data;
    };
    const price = find(priceFilterSchema, 'PRICE_FILTER');
    const lot = find(lotSizeSchema, 'LOT_SIZE');
    if (!price || !lot) throw new MarketDataError('exchangeInfo lacks PRICE_FILTER or LOT_SIZE', { symbol });
    const notional = notionalRules(find(notionalSchema, 'NOTIONAL'), find(minNotionalSchema, 'MIN_NOTIONAL'));
    return {
      symbol,
      base: entry.baseAsset,
      quote: entry.quoteAsset,
      tickSize: decStr(price.tickSize),
      minPrice: decStr(price.minPrice),
      maxPrice: decStr(price.maxPrice),
      stepSize: decStr(lot.stepSize),
      minQty: decStr(lot.minQty),
      maxQty: decStr(lot.maxQty),
      ...notional,
    };
  }

  /** One governed read, then the wire check. A body that is not JSON at all (cut off, an HTML error page) is retried. */
  private async get<T>(label: string, request: () => Promise<unknown>, schema: z.ZodType<T>, context: Record<string, unknown>): Promise<T> {
    const body = await this.governor.read(label, async () => {
      const raw = await request();
      if (typeof raw === 'string')
        throw new TransientExchangeError(`Binance sent a body that is not JSON for ${label}`, null, { ...context, body: raw.slice(0, 80) });
      return raw;
    });
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new MarketDataError(`malformed ${label} response`, {
        ...context,
        issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    return parsed.data;
  }
}

type NotionalRules = Pick<SymbolFilters, 'minNotional' | 'maxNotional' | 'applyMinToMarket' | 'applyMaxToMarket'>;

/**
 * The notional bounds from NOTIONAL and/or the legacy MIN_NOTIONAL (filters.md). An order must
 * pass every filter listed, so with both the larger minimum binds LIMIT orders. A flag the exchange
 * leaves out counts as set, the stricter reading. With both filters, MARKET orders get that larger
 * minimum when either filter applies its minimum to them: the one field can only say "the LIMIT
 * minimum or none", and the larger one never lets through an order the exchange refuses. No
 * filter at all, a zero minimum or a zero/absent maximum: no such bound.
 */
export function notionalRules(
  notional: z.infer<typeof notionalSchema> | undefined,
  legacy: z.infer<typeof minNotionalSchema> | undefined,
): NotionalRules {
  const mins = [notional?.minNotional, legacy?.minNotional].filter((m): m is string => m !== undefined).map(dec);
  const minNotional = mins.reduce((a, b) => (b.gt(a) ? b : a), dec(0));
  const appliesMin = (notional ? (notional.applyMinToMarket ?? true) : false) || (legacy ? (legacy.applyToMarket ?? true) : false);
  const max = notional?.maxNotional !== undefined && !dec(notional.maxNotional).isZero() ? decStr(notional.maxNotional) : null;
  return {
    minNotional: decStr(minNotional),
    maxNotional: max,
    applyMinToMarket: mins.length === 0 ? true : appliesMin,
    applyMaxToMarket: notional?.applyMaxToMarket ?? true,
  };
}
