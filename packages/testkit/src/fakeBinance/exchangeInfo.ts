/** One symbol's rules as `GET /api/v3/exchangeInfo` lists them; values are Binance's decimal strings. */
export interface FakeSymbolSpec {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly tickSize: string;
  readonly minPrice: string;
  readonly maxPrice: string;
  readonly stepSize: string;
  readonly minQty: string;
  readonly maxQty: string;
  /** `NOTIONAL` (current Binance), the older `MIN_NOTIONAL` some symbols still list, or several. */
  readonly notional: FakeNotionalFilter | readonly FakeNotionalFilter[];
}

/**
 * A notional filter as filters.md defines it. Unset flags take the values Binance lists for
 * BTCUSDT: NOTIONAL applies its minimum to MARKET orders and not its maximum; MIN_NOTIONAL applies
 * its minimum. A zero bound is no bound.
 */
export type FakeNotionalFilter =
  | {
      readonly filterType: 'NOTIONAL';
      readonly minNotional: string;
      readonly maxNotional: string;
      readonly applyMinToMarket?: boolean;
      readonly applyMaxToMarket?: boolean;
    }
  | { readonly filterType: 'MIN_NOTIONAL'; readonly minNotional: string; readonly applyToMarket?: boolean };

/** The symbol's notional filters as a list. */
export function notionalFiltersOf(spec: FakeSymbolSpec): readonly FakeNotionalFilter[] {
  return Array.isArray(spec.notional) ? spec.notional : [spec.notional as FakeNotionalFilter];
}

/** Filters as Binance lists them for these spot symbols (2024–2025). */
export const DEFAULT_SYMBOLS: readonly FakeSymbolSpec[] = [
  {
    symbol: 'BTCUSDT',
    baseAsset: 'BTC',
    quoteAsset: 'USDT',
    tickSize: '0.01000000',
    minPrice: '0.01000000',
    maxPrice: '1000000.00000000',
    stepSize: '0.00001000',
    minQty: '0.00001000',
    maxQty: '9000.00000000',
    notional: { filterType: 'NOTIONAL', minNotional: '5.00000000', maxNotional: '9000000.00000000' },
  },
  {
    symbol: 'ETHUSDT',
    baseAsset: 'ETH',
    quoteAsset: 'USDT',
    tickSize: '0.01000000',
    minPrice: '0.01000000',
    maxPrice: '1000000.00000000',
    stepSize: '0.00010000',
    minQty: '0.00010000',
    maxQty: '9000.00000000',
    notional: { filterType: 'NOTIONAL', minNotional: '5.00000000', maxNotional: '9000000.00000000' },
  },
  {
    symbol: 'BNBUSDT',
    baseAsset: 'BNB',
    quoteAsset: 'USDT',
    tickSize: '0.01000000',
    minPrice: '0.01000000',
    maxPrice: '100000.00000000',
    stepSize: '0.00100000',
    minQty: '0.00100000',
    maxQty: '900000.00000000',
    notional: { filterType: 'NOTIONAL', minNotional: '5.00000000', maxNotional: '9000000.00000000' },
  },
  {
    symbol: 'SOLUSDT',
    baseAsset: 'SOL',
    quoteAsset: 'USDT',
    tickSize: '0.01000000',
    minPrice: '0.01000000',
    maxPrice: '10000.00000000',
    stepSize: '0.00100000',
    minQty: '0.00100000',
    maxQty: '90000.00000000',
    notional: { filterType: 'NOTIONAL', minNotional: '5.00000000', maxNotional: '9000000.00000000' },
  },
  {
    symbol: 'LTCBTC',
    baseAsset: 'LTC',
    quoteAsset: 'BTC',
    tickSize: '0.00000100',
    minPrice: '0.00000100',
    maxPrice: '100000.00000000',
    stepSize: '0.00100000',
    minQty: '0.00100000',
    maxQty: '100000.00000000',
    notional: { filterType: 'MIN_NOTIONAL', minNotional: '0.00010000' },
  },
];

export const REQUEST_WEIGHT_LIMIT = 6000;

export function exchangeInfoSymbol(spec: FakeSymbolSpec): Record<string, unknown> {
  const notional = notionalFiltersOf(spec).map((f) =>
    f.filterType === 'NOTIONAL'
      ? {
          filterType: 'NOTIONAL',
          minNotional: f.minNotional,
          applyMinToMarket: f.applyMinToMarket ?? true,
          maxNotional: f.maxNotional,
          applyMaxToMarket: f.applyMaxToMarket ?? false,
          avgPriceMins: 5,
        }
      : { filterType: 'MIN_NOTIONAL', minNotional: f.minNotional, applyToMarket: f.applyToMarket ?? true, avgPriceMins: 5 },
  );
  return {
    symbol: spec.symbol,
    status: 'TRADING',
    baseAsset: spec.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: spec.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: spec.minPrice, maxPrice: spec.maxPrice, tickSize: spec.tickSize },
      { filterType: 'LOT_SIZE', minQty: spec.minQty, maxQty: spec.maxQty, stepSize: spec.stepSize },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100.00000000', stepSize: '0.00000000' },
      {
        filterType: 'TRAILING_DELTA',
        minTrailingAboveDelta: 10,
        maxTrailingAboveDelta: 2000,
        minTrailingBelowDelta: 10,
        maxTrailingBelowDelta: 2000,
      },
      {
        filterType: 'PERCENT_PRICE_BY_SIDE',
        bidMultiplierUp: '5',
        bidMultiplierDown: '0.2',
        askMultiplierUp: '5',
        askMultiplierDown: '0.2',
        avgPriceMins: 5,
      },
      ...notional,
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

export const RATE_LIMITS = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: REQUEST_WEIGHT_LIMIT },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
];
