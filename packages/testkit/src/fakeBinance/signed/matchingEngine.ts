import { type Dec, dec, decMax, decMin, floorToStep } from '@warden/core/money/decimal';
import { type FakeSymbolSpec, notionalFiltersOf } from '../exchangeInfo.js';
import { BinanceApiError } from '../routes.js';
import type { FakeAccount } from './fakeAccount.js';

export type FakeOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

export interface FakeOrder {
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: 'MARKET' | 'LIMIT';
  readonly price: Dec; // 0 for market orders
  readonly origQty: Dec;
  executedQty: Dec;
  cummulativeQuoteQty: Dec;
  status: FakeOrderStatus;
  readonly time: number;
  updateTime: number;
  /** Quote locked by a resting BUY (its own price × remaining quantity). */
  lockedQuote: Dec;
}

export interface FakeTrade {
  readonly symbol: string;
  readonly id: number;
  readonly orderId: number;
  readonly price: Dec;
  readonly qty: Dec;
  readonly quoteQty: Dec;
  readonly commission: Dec;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
}

export interface PlaceRequest {
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: 'MARKET' | 'LIMIT';
  readonly quantity: Dec | null;
  readonly quoteOrderQty: Dec | null;
  readonly price: Dec | null;
  readonly clientOrderId: string;
  /** Share of the quantity that fills on arrival when it crosses (partial-fill fault); 1 = all. */
  readonly fillRatio: number;
}

const FEE_RATE = dec('0.001');

/**
 * A one-account order book good enough for a bot's orders: market orders fill at the current price;
 * limit orders fill on arrival when marketable (taker), otherwise rest and fill as maker when the price
 * crosses them (`match`) — in full, or only as far as the liquidity set for the symbol reaches
 * (`setLiquidity`), the rest resting PARTIALLY_FILLED as on Binance. Fees are 0.1% of the asset
 * received, as on Binance spot without BNB.
 */
export class MatchingEngine {
  readonly orders: FakeOrder[] = [];
  readonly trades: FakeTrade[] = [];
  private nextOrderId = 1000;
  private nextTradeId = 5000;
  /** Base quantity the market still trades against resting orders per symbol; absent: unlimited. */
  private readonly liquidity = new Map<string, Dec>();

  constructor(
    readonly account: FakeAccount,
    private readonly specs: readonly FakeSymbolSpec[],
  ) {}

  spec(symbol: string): FakeSymbolSpec {
    const s = this.specs.find((x) => x.symbol === symbol);
    if (!s) throw new BinanceApiError(400, -1121, 'Invalid symbol.');
    return s;
  }

  byClientId(symbol: string, clientOrderId: string): FakeOrder | undefined {
    // The newest one: Binance allows reusing a client id once the earlier order is closed.
    return [...this.orders].reverse().find((o) => o.symbol === symbol && o.clientOrderId === clientOrderId);
  }

  byOrderId(symbol: string, orderId: number): FakeOrder | undefined {
    return this.orders.find((o) => o.symbol === symbol && o.orderId === orderId);
  }

  open(symbol?: string): FakeOrder[] {
    return this.orders.filter(
      (o) => (symbol === undefined || o.symbol === symbol) && (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED'),
    );
  }

  place(req: PlaceRequest, price: Dec, now: number): FakeOrder {
    const spec = this.spec(req.symbol);
    if (this.open(req.symbol).some((o) => o.clientOrderId === req.clientOrderId))
      throw new BinanceApiError(400, -2010, 'Duplicate order sent.');
    const quantity = req.quantity ?? floorToStep((req.quoteOrderQty ?? dec(0)).div(price), spec.stepSize);
    const refPrice = req.type === 'LIMIT' ? (req.price as Dec) : price;
    checkFilters(spec, quantity, req.type === 'LIMIT' ? refPrice : null, refPrice);
    const crosses = req.type === 'MARKET' || (req.side === 'BUY' ? price.lte(refPrice) : price.gte(refPrice));
    // Balance: a BUY needs the quote it may spend, a SELL the base it sells.
    const needQuote = quantity.mul(req.type === 'LIMIT' ? refPrice : price);
    if (req.side === 'BUY' && this.account.freeOf(spec.quoteAsset).lt(needQuote))
      throw new BinanceApiError(400, -2010, 'Account has insufficient balance for requested action.');
    if (req.side === 'SELL' && this.account.freeOf(spec.baseAsset).lt(quantity))
      throw new BinanceApiError(400, -2010, 'Account has insufficient balance for requested action.');

    const order: FakeOrder = {
      symbol: req.symbol,
      orderId: this.nextOrderId++,
      clientOrderId: req.clientOrderId,
      side: req.side,
      type: req.type,
      price: req.type === 'LIMIT' ? refPrice : dec(0),
      origQty: quantity,
      executedQty: dec(0),
      cummulativeQuoteQty: dec(0),
      status: 'NEW',
      time: now,
      updateTime: now,
      lockedQuote: dec(0),
    };
    this.orders.push(order);
    if (req.type === 'LIMIT') {
      if (req.side === 'BUY') {
        order.lockedQuote = needQuote;
        this.account.lock(spec.quoteAsset, needQuote);
      } else this.account.lock(spec.baseAsset, quantity);
    }
    if (crosses) {
      const fillQty = req.fillRatio >= 1 ? quantity : floorToStep(quantity.mul(req.fillRatio), spec.stepSize);
      const fillPrice = req.type === 'LIMIT' ? (req.side === 'BUY' ? decMin(price, refPrice) : decMax(price, refPrice)) : price;
      if (fillQty.gt(0)) this.fill(order, fillQty, fillPrice, false, now);
      // A market order's unfilled rest expires (no more liquidity); a limit order's rest keeps resting.
      if (req.type === 'MARKET' && order.status !== 'FILLED') order.status = 'EXPIRED';
    }
    return order;
  }

  /**
   * How much base the market trades against `symbol`'s resting orders from now on, shared by them
   * oldest first and used up by their fills (a thin market: orders fill in pieces, one trade each);
   * null: unlimited, every crossed order fills in full (the default).
   */
  setLiquidity(symbol: string, quantity: Dec | null): void {
    if (quantity === null) this.liquidity.delete(symbol);
    else this.liquidity.set(symbol, quantity);
  }

  /** Resting limit orders of `symbol` that `price` crosses fill as maker, oldest first, as far as the liquidity reaches. */
  match(symbol: string, price: Dec, now: number): void {
    for (const o of this.open(symbol)) {
      if (o.type !== 'LIMIT') continue;
      const crosses = o.side === 'BUY' ? price.lte(o.price) : price.gte(o.price);
      if (!crosses) continue;
      const left = this.liquidity.get(symbol);
      const qty = left === undefined ? o.origQty.minus(o.executedQty) : decMin(o.origQty.minus(o.executedQty), left);
      if (qty.lte(0)) continue;
      this.fill(o, qty, o.price, true, now);
      if (left !== undefined) this.liquidity.set(symbol, left.minus(qty));
    }
  }

  cancel(order: FakeOrder, now: number): void {
    if (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED') throw new BinanceApiError(400, -2011, 'Unknown order sent.');
    const spec = this.spec(order.symbol);
    if (order.side === 'BUY') this.account.unlock(spec.quoteAsset, order.lockedQuote);
    else this.account.unlock(spec.baseAsset, order.origQty.minus(order.executedQty));
    order.lockedQuote = dec(0);
    order.status = 'CANCELED';
    order.updateTime = now;
  }

  private fill(order: FakeOrder, qty: Dec, price: Dec, maker: boolean, now: number): void {
    const spec = this.spec(order.symbol);
    const quote = qty.mul(price);
    const resting = order.type === 'LIMIT';
    if (order.side === 'BUY') {
      // A resting buy pays from what it locked at its own price; any price improvement is unlocked.
      const lockedPart = resting ? qty.mul(order.price) : dec(0);
      if (resting) {
        this.account.debit(spec.quoteAsset, lockedPart, true);
        order.lockedQuote = order.lockedQuote.minus(lockedPart);
        this.account.credit(spec.quoteAsset, lockedPart.minus(quote));
      } else this.account.debit(spec.quoteAsset, quote, false);
      const fee = qty.mul(FEE_RATE);
      this.account.credit(spec.baseAsset, qty.minus(fee));
      this.record(order, qty, price, quote, fee, spec.baseAsset, maker, now);
    } else {
      this.account.debit(spec.baseAsset, qty, resting);
      const fee = quote.mul(FEE_RATE);
      this.account.credit(spec.quoteAsset, quote.minus(fee));
      this.record(order, qty, price, quote, fee, spec.quoteAsset, maker, now);
    }
    order.executedQty = order.executedQty.plus(qty);
    order.cummulativeQuoteQty = order.cummulativeQuoteQty.plus(quote);
    order.status = order.executedQty.gte(order.origQty) ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = now;
  }

  private record(
    order: FakeOrder,
    qty: Dec,
    price: Dec,
    quoteQty: Dec,
    commission: Dec,
    commissionAsset: string,
    isMaker: boolean,
    time: number,
  ): void {
    this.trades.push({
      symbol: order.symbol,
      id: this.nextTradeId++,
      orderId: order.orderId,
      price,
      qty,
      quoteQty,
      commission,
      commissionAsset,
      time,
      isBuyer: order.side === 'BUY',
      isMaker,
    });
  }
}

/** -1013 with the filter Binance names, as in filters.md. */
function checkFilters(spec: FakeSymbolSpec, qty: Dec, limitPrice: Dec | null, refPrice: Dec): void {
  const fail = (name: string) => {
    throw new BinanceApiError(400, -1013, `Filter failure: ${name}`);
  };
  if (qty.lt(spec.minQty) || qty.gt(spec.maxQty) || !qty.mod(spec.stepSize).isZero()) fail('LOT_SIZE');
  if (limitPrice && (limitPrice.lt(spec.minPrice) || limitPrice.gt(spec.maxPrice) || !limitPrice.mod(spec.tickSize).isZero()))
    fail('PRICE_FILTER');
  // filters.md: LIMIT orders meet every notional bound; MARKET orders (valued at the average price)
  // only those the filter applies to them.
  const notional = qty.mul(refPrice);
  const market = limitPrice === null;
  for (const f of notionalFiltersOf(spec)) {
    const min = dec(f.minNotional);
    const applyMin = !market || (f.filterType === 'NOTIONAL' ? (f.applyMinToMarket ?? true) : (f.applyToMarket ?? true));
    if (applyMin && notional.lt(min)) fail(f.filterType);
    if (f.filterType !== 'NOTIONAL') continue;
    const max = dec(f.maxNotional);
    if ((!market || (f.applyMaxToMarket ?? false)) && !max.isZero() && notional.gt(max)) fail(f.filterType);
  }
}
