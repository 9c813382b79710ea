import { z } from 'zod';

/** Binance sends prices/quantities as decimal strings; anything else is a malformed response. */
const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string');
const epochMs = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** One `GET /api/v3/klines` row: 12 fields, of which we use the first six. */
export const klineRowSchema = z
  .tuple([epochMs, decimalString, decimalString, decimalString, decimalString, decimalString, epochMs])
  .rest(z.unknown());
export const klinesSchema = z.array(klineRowSchema);

export const serverTimeSchema = z.object({ serverTime: epochMs });

export const tickerPriceSchema = z.object({ symbol: z.string(), price: decimalString });

const filterSchema = z.looseObject({ filterType: z.string() });
export const exchangeInfoSymbolSchema = z.looseObject({
  symbol: z.string(),
  status: z.string(),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  filters: z.array(filterSchema),
});
export const exchangeInfoSchema = z.looseObject({ symbols: z.array(exchangeInfoSymbolSchema) });

export const priceFilterSchema = z.looseObject({
  filterType: z.literal('PRICE_FILTER'),
  minPrice: decimalString,
  maxPrice: decimalString,
  tickSize: decimalString,
});
export const lotSizeSchema = z.looseObject({
  filterType: z.literal('LOT_SIZE'),
  minQty: decimalString,
  maxQty: decimalString,
  stepSize: decimalString,
});
/** NOTIONAL (filters.md): both bounds bind LIMIT orders; each flag says whether its bound binds MARKET orders too. */
export const notionalSchema = z.looseObject({
  filterType: z.literal('NOTIONAL'),
  minNotional: decimalString,
  applyMinToMarket: z.boolean().optional(),
  maxNotional: decimalString.optional(),
  applyMaxToMarket: z.boolean().optional(),
});
/** The legacy MIN_NOTIONAL: a minimum only, with `applyToMarket`. */
export const minNotionalSchema = z.looseObject({
  filterType: z.literal('MIN_NOTIONAL'),
  minNotional: decimalString,
  applyToMarket: z.boolean().optional(),
});
