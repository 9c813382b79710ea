import type { AppConfig } from '../config/parseConfig.js';
import type { SymbolFilters } from '../domain/market.js';
import type { Fill, Order, OrderIntent } from '../domain/orders.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/errors.js';
import { type Dec, dec, decMax, decMin, decStr } from '../money/decimal.js';
import { filterViolations, quantizePrice } from '../money/filters.js';
import type { Balances, Broker, BrokerUpdate, CancelReport, MarketTick } from '../ports/broker.js';
import { type FeeSchedule, feeOn, feeScheduleFromPct, marketFillPrice } from './fillPricing.js';
import { type PaperAccountState, type PaperPairState, paperAccountStateSchema } from './paperAccountState.js';
import { FillCapacityModel, fillPiece } from './partialFills.js';
import { QuoteLedger } from './quoteLedger.js';

export interface PaperBrokerOptions {
  readonly filters: SymbolFilters;
  readonly slippageBps: number;
  readonly makerFeePct: number;
  readonly takerFeePct: number;
  /**
   * TRADING_PAPER_MAX_FILL_SHARE_PCT: percent (0–100) of the base volume traded since the previous
   * tick that this pair's resting limit orders may fill, together, oldest first; 0 = no cap (a
   * crossed order fills in full). See `FillCapacityModel`.
   */
  readonly maxFillSharePct: number;
}

export function paperBrokerOptionsFromConfig(config: AppConfig, filters: SymbolFilters): PaperBrokerOptions {
  return {
    filters,
    slippageBps: config.TRADING_PAPER_SLIPPAGE_BPS,
    makerFeePct: config.TRADING_FEE_MAKER_PCT,
    takerFeePct: config.TRADING_FEE_TAKER_PCT,
    maxFillSharePct: config.TRADING_PAPER_MAX_FILL_SHARE_PCT,
  };
}

/** Canonical decimal form, or the text as given when it is not a number (kept on a REJECTED order). */
function canonical(value: string): string {
  try {
    return decStr(value);
  } catch {
    return value;
  }
}

/** A checked order: its quantity and limit price (null for market), or the reason it is rejected. */
type Validated = { readonly ok: true; readonly qty: Dec; readonly limit: Dec | null } | { readonly ok: false; readonly problem: string };

/** The order after a fill: written out field by field (a spread copy of a 16-field object per fill is slow in V8). */
function withFill(order: Order, status: 'FILLED' | 'PARTIALLY_FILLED', filledQuantity: string, avgFillPrice: string, now: number): Order {
  return {
    clientOrderId: order.clientOrderId,
    exchangeOrderId: order.exchangeOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    status,
    quantity: order.quantity,
    price: order.price,
    filledQuantity,
    avgFillPrice,
    mode: order.mode,
    cycleId: order.cycleId,
    reason: order.reason,
    tag: order.tag,
    createdAt: order.createdAt,
    updatedAt: now,
  };
}

function reject(problem: string): Validated {
  return { ok: false, problem };
}

const NOTHING: BrokerUpdate = Object.freeze({ orders: Object.freeze([]), fills: Object.freeze([]) }) as BrokerUpdate;

/**
 * The simulated venue used by backtest and paper trading alike. Market orders fill at once, in full,
 * at the latest price moved against us by the slippage (taker fee); a limit order already marketable
 * on arrival does too, capped at its limit, like on Binance. Other limit orders lock their funds and
 * rest; a tick whose low (buy) or high (sell) reaches one fills it at its own price (maker fee), but
 * only as much as the tick's traded volume allows (`FillCapacityModel`): the rest keeps resting,
 * PARTIALLY_FILLED, each piece its own fill (trade id `<clientOrderId>-T<n>`, n = 1, 2, …). A
 * cancel releases what the unfilled remainder still locks. Fees are taken from the asset received
 * (BUY: base, SELL: quote), per piece. Balances are exact decimals and an order that would overdraw
 * one is REJECTED, so no balance can go negative.
 *
 * Why taker orders ignore the volume: they take what the book offers at the moment they arrive,
 * which the candle's volume (what traded over the whole candle, after the order) does not measure;
 * their price impact is what the slippage (TRADING_PAPER_SLIPPAGE_BPS) models, and on Binance a
 * market order for a bot's size fills in full.
 */
export class PaperBroker implements Broker {
  readonly mode = 'paper' as const;
  private readonly filters: SymbolFilters;
  private readonly fees: FeeSchedule;
  private readonly slippageBps: number;
  private readonly options: PaperBrokerOptions;
  private readonly fillModel: FillCapacityModel;
  private baseFree: Dec;
  private baseLocked: Dec;
  /** The quote asset's balance: this broker's own, or shared by every pair of a portfolio. */
  private readonly quote: QuoteLedger;
  private resting: Order[];
  /** Fills so far of each partly filled resting order (for its next trade id). */
  private fillCounts: Map<string, number>;
  // Float mirror of the base total so the per-cycle equity mark costs no decimal arithmetic.
  private baseTotal = 0;

  private constructor(options: PaperBrokerOptions, state: PaperAccountState, quote?: QuoteLedger) {
    this.filters = options.filters;
    this.fees = feeScheduleFromPct(options.makerFeePct, options.takerFeePct);
    this.slippageBps = options.slippageBps;
    this.options = options;
    this.fillModel = new FillCapacityModel(options.maxFillSharePct);
    this.baseFree = dec(state.base.free);
    this.baseLocked = dec(state.base.locked);
    this.quote = quote ?? new QuoteLedger(state.quote.free, state.quote.locked);
    this.resting = [...state.orders];
    this.fillCounts = new Map(Object.entries(state.fillCounts ?? {}));
    this.refreshTotals();
  }

  /**
   * One pair of a paper portfolio: its own base balance and resting orders, the quote balance
   * shared with the other pairs (`ledger`), so no two pairs can spend the same quote.
   * @throws ConflictError when `pair` is another symbol's state.
   */
  static forPortfolio(options: PaperBrokerOptions, ledger: QuoteLedger, pair?: PaperPairState): PaperBroker {
    if (pair && pair.symbol !== options.filters.symbol)
      throw new ConflictError(`paper pair state is for ${pair.symbol}, not ${options.filters.symbol}`);
    const state: PaperAccountState = {
      version: 1,
      symbol: options.filters.symbol,
      base: pair?.base ?? { free: '0', locked: '0' },
      quote: { free: decStr(ledger.free), locked: decStr(ledger.locked) },
      orders: pair?.orders ?? [],
      ...(pair?.fillCounts ? { fillCounts: pair.fillCounts } : {}),
    };
    return new PaperBroker(options, state, ledger);
  }

  /** A fresh account holding `startingQuote` (TRADING_PAPER_STARTING_EQUITY) and, optionally, some base. */
  static start(options: PaperBrokerOptions, startingQuote: string | number, startingBase: string | number = 0): PaperBroker {
    const quote = dec(startingQuote);
    const base = dec(startingBase);
    if (quote.isNegative() || base.isNegative()) throw new ValidationError('paper starting balances must not be negative');
    return new PaperBroker(options, {
      version: 1,
      symbol: options.filters.symbol,
      base: { free: decStr(base), locked: '0' },
      quote: { free: decStr(quote), locked: '0' },
      orders: [],
    });
  }

  /** Continues from a snapshot written by `state()`; a malformed or foreign snapshot is refused. */
  static restore(state: unknown, options: PaperBrokerOptions): PaperBroker {
    const parsed = paperAccountStateSchema.safeParse(state);
    if (!parsed.success)
      throw new ValidationError(
        `invalid paper account snapshot: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    if (parsed.data.symbol !== options.filters.symbol) {
      throw new ConflictError(`paper account snapshot is for ${parsed.data.symbol}, not ${options.filters.symbol}`);
    }
    return new PaperBroker(options, parsed.data);
  }

  /**
   * Rewinds this instance to a snapshot (the last committed checkpoint) when a cycle's transaction
   * failed after the broker had already moved: memory must not run ahead of the database.
   */
  resetTo(state: unknown): void {
    const restored = PaperBroker.restore(state, this.options).state();
    this.baseFree = dec(restored.base.free);
    this.baseLocked = dec(restored.base.locked);
    this.quote.set(restored.quote.free, restored.quote.locked);
    this.resting = [...restored.orders];
    this.fillCounts = new Map(Object.entries(restored.fillCounts ?? {}));
    this.refreshTotals();
  }

  /** This pair's part of a portfolio snapshot: its base balance and resting orders. */
  pairState(): PaperPairState {
    return {
      symbol: this.filters.symbol,
      base: { free: decStr(this.baseFree), locked: decStr(this.baseLocked) },
      orders: [...this.resting],
      ...this.fillCountsState(),
    };
  }

  /** Rewinds this pair's part (the shared quote is rewound by its portfolio). */
  resetPair(pair: PaperPairState): void {
    this.baseFree = dec(pair.base.free);
    this.baseLocked = dec(pair.base.locked);
    this.resting = [...pair.orders];
    this.fillCounts = new Map(Object.entries(pair.fillCounts ?? {}));
    this.refreshTotals();
  }

  state(): PaperAccountState {
    return {
      version: 1,
      symbol: this.filters.symbol,
      base: { free: decStr(this.baseFree), locked: decStr(this.baseLocked) },
      quote: { free: decStr(this.quote.free), locked: decStr(this.quote.locked) },
      orders: [...this.resting],
      ...this.fillCountsState(),
    };
  }

  /** The fill counts as a snapshot field, left out while no resting order is partly filled. */
  private fillCountsState(): { fillCounts?: Record<string, number> } {
    return this.fillCounts.size === 0 ? {} : { fillCounts: Object.fromEntries(this.fillCounts) };
  }

  /** Account value in quote at `price` (plain number: the per-cycle mark). */
  equityAt(price: number): number {
    return this.quote.total + this.baseTotal * price;
  }

  /** Quote held, free plus locked (plain number). With a portfolio this is the shared balance. */
  quoteHeld(): number {
    return this.quote.total;
  }

  /** Quote value of this pair's holdings and resting buys (their unfilled part) at `price` (the total exposure cap counts it). */
  exposureAt(price: number): number {
    let restingBuys = 0;
    for (const o of this.resting)
      if (o.side === 'BUY') restingBuys += this.restingPrice(o) * (Number(o.quantity) - Number(o.filledQuantity));
    return this.baseTotal * price + restingBuys;
  }

  /** Base held, free plus locked (plain number, for exposure). */
  baseHeld(): number {
    return this.baseTotal;
  }

  balances(): Balances {
    return {
      base: { asset: this.filters.base, free: decStr(this.baseFree), locked: decStr(this.baseLocked) },
      quote: { asset: this.filters.quote, free: decStr(this.quote.free), locked: decStr(this.quote.locked) },
    };
  }

  openOrders(symbol: string): readonly Order[] {
    return this.resting.filter((o) => o.symbol === symbol);
  }

  get openOrderCount(): number {
    return this.resting.length;
  }

  submit(intent: OrderIntent, tick: MarketTick): BrokerUpdate {
    const already = this.resting.find((o) => o.clientOrderId === intent.clientOrderId);
    // Re-sending a resting order (a retry after a crash) must not place it twice.
    if (already) return { orders: [already], fills: [] };

    // Where a market order would fill now: the fill price of a market order, the cap of a marketable limit.
    const market =
      tick.price > 0 && Number.isFinite(tick.price) ? marketFillPrice(intent.side, tick.price, this.slippageBps, this.filters) : null;
    const checked = this.validate(intent, tick, market);
    if (!checked.ok || !market)
      return { orders: [this.rejected(intent, tick.now, checked.ok ? 'no market price' : checked.problem)], fills: [] };

    const { qty, limit } = checked;
    if (limit === null) return this.fillNow(intent, qty, market, tick.now);
    if (intent.side === 'BUY' && limit.gte(tick.price)) return this.fillNow(intent, qty, decMin(limit, market), tick.now);
    if (intent.side === 'SELL' && limit.lte(tick.price)) return this.fillNow(intent, qty, decMax(limit, market), tick.now);
    return this.rest(intent, qty, limit, tick.now);
  }

  /**
   * Matches the resting orders, oldest first, against what traded since the previous tick: each one
   * the range crossed fills at its limit as maker, as much as the tick's volume leaves (see
   * `FillCapacityModel`); a partly filled one keeps resting with its new filled quantity.
   */
  sync(tick: MarketTick): BrokerUpdate {
    if (this.resting.length === 0) return NOTHING;
    let orders: Order[] | null = null;
    let fills: Fill[] | null = null;
    let capacity: Dec | null | undefined; // computed once, when the first crossed order needs it
    const resting = this.resting;
    for (let i = 0; i < resting.length; i++) {
      const order = resting[i] as Order;
      const price = this.restingPrice(order);
      const crossed = order.side === 'BUY' ? tick.low <= price : tick.high >= price;
      if (!crossed) continue;
      if (capacity === undefined) capacity = this.fillModel.capacity(tick.volume, this.filters);
      const limit = dec(order.price as string);
      const piece = fillPiece(dec(order.quantity).minus(order.filledQuantity), capacity, limit, this.filters);
      if (!piece.gt(0)) continue;
      const { order: next, fill } = this.settle(order, piece, limit, 'maker', true, tick.now);
      if (capacity !== null) capacity = capacity.minus(piece);
      resting[i] = next;
      orders ??= [];
      fills ??= [];
      orders.push(next);
      fills.push(fill);
    }
    if (orders === null || fills === null) return NOTHING;
    this.resting = resting.filter((o) => o.status !== 'FILLED');
    this.refreshTotals();
    return { orders, fills };
  }

  cancel(clientOrderId: string, now: number): BrokerUpdate {
    const order = this.resting.find((o) => o.clientOrderId === clientOrderId);
    if (!order) throw new NotFoundError(`no open paper order ${clientOrderId}`, { clientOrderId });
    return { orders: [this.release(order, now)], fills: [] };
  }

  /** Emergency stop: every resting order on `symbol` is cancelled and its funds unlocked. */
  cancelAll(symbol: string, now: number): CancelReport {
    const canceled = this.resting.filter((o) => o.symbol === symbol).map((o) => this.release(o, now));
    return { canceled, failed: [] };
  }

  /** The order's quantity and limit price, parsed once, or why the venue rejects it. */
  private validate(intent: OrderIntent, tick: MarketTick, market: Dec | null): Validated {
    if (intent.symbol !== this.filters.symbol) return reject(`paper broker trades ${this.filters.symbol}, not ${intent.symbol}`);
    if (!(tick.price > 0) || !Number.isFinite(tick.price) || !market) return reject(`no valid market price (${tick.price})`);
    let qty: Dec;
    try {
      qty = dec(intent.quantity);
    } catch {
      return reject(`quantity "${intent.quantity}" is not a number`);
    }
    if (!qty.gt(0)) return reject('quantity must be positive');
    let limit: Dec | null = null;
    if (intent.type === 'LIMIT') {
      if (intent.price === null) return reject('a LIMIT order needs a price');
      try {
        limit = dec(intent.price);
      } catch {
        return reject(`price "${intent.price}" is not a number`);
      }
      if (!limit.gt(0)) return reject('price must be positive');
    }
    // Binance checks a market order's notional against the recent average price, and only the
    // bounds its NOTIONAL filter applies to MARKET orders (applyMinToMarket / applyMaxToMarket).
    const price = limit ?? quantizePrice(tick.price, this.filters, 'nearest');
    const violations = filterViolations(qty, price, this.filters, intent.type);
    if (violations.length > 0) return reject(`filter violations: ${violations.join(', ')}`);
    // A market buy pays at most the market fill price (for a market order `market` is the BUY price).
    const buyCost = qty.mul(limit ?? market);
    if (intent.side === 'BUY' && buyCost.gt(this.quote.free))
      return reject(`insufficient ${this.filters.quote}: needs ${decStr(buyCost)}, free ${decStr(this.quote.free)}`);
    if (intent.side === 'SELL' && qty.gt(this.baseFree))
      return reject(`insufficient ${this.filters.base}: needs ${decStr(qty)}, free ${decStr(this.baseFree)}`);
    return { ok: true, qty, limit };
  }

  private fillNow(intent: OrderIntent, qty: Dec, price: Dec, now: number): BrokerUpdate {
    const { order, fill } = this.settle(this.newOrder(intent, now, qty), qty, price, 'taker', false, now);
    this.refreshTotals();
    return { orders: [order], fills: [fill] };
  }

  private rest(intent: OrderIntent, qty: Dec, limit: Dec, now: number): BrokerUpdate {
    if (intent.side === 'BUY') {
      const lock = qty.mul(limit);
      this.quote.free = this.quote.free.minus(lock);
      this.quote.locked = this.quote.locked.plus(lock);
    } else {
      this.baseFree = this.baseFree.minus(qty);
      this.baseLocked = this.baseLocked.plus(qty);
    }
    const order = this.newOrder(intent, now, qty);
    this.resting.push(order);
    this.refreshTotals();
    return { orders: [order], fills: [] };
  }

  /**
   * Moves the money of one fill of `qty` at `price` (the whole order, or a piece of a resting one);
   * `fromLocked` when the funds were reserved by a resting order. Returns the order after it and the fill.
   */
  private settle(
    order: Order,
    qty: Dec,
    price: Dec,
    liquidity: 'maker' | 'taker',
    fromLocked: boolean,
    now: number,
  ): { order: Order; fill: Fill } {
    const rate = liquidity === 'maker' ? this.fees.maker : this.fees.taker;
    const quoteQty = qty.mul(price);
    let fee: Dec;
    if (order.side === 'BUY') {
      fee = feeOn(qty, rate);
      // A resting buy locked its limit × quantity; the piece spends exactly its share of that.
      if (fromLocked) this.quote.locked = this.quote.locked.minus(qty.mul(order.price as string));
      else this.quote.free = this.quote.free.minus(quoteQty);
      this.baseFree = this.baseFree.plus(qty.minus(fee));
    } else {
      fee = feeOn(quoteQty, rate);
      if (fromLocked) this.baseLocked = this.baseLocked.minus(qty);
      else this.baseFree = this.baseFree.minus(qty);
      this.quote.free = this.quote.free.plus(quoteQty.minus(fee));
    }
    const qtyText = decStr(qty);
    const priceText = decStr(price);
    // A taker fill is a new order filled whole at once (the common backtest path: no piece bookkeeping).
    const trade = fromLocked ? (this.fillCounts.get(order.clientOrderId) ?? 0) + 1 : 1;
    const filled = fromLocked ? this.afterPiece(order, qty, price, trade, now) : withFill(order, 'FILLED', qtyText, priceText, now);
    const fill: Fill = {
      tradeId: `${order.clientOrderId}-T${trade}`,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      price: priceText,
      quantity: qtyText,
      quoteQuantity: decStr(quoteQty),
      fee: decStr(fee),
      feeAsset: order.side === 'BUY' ? this.filters.base : this.filters.quote,
      liquidity,
      time: now,
    };
    return { order: filled, fill };
  }

  /**
   * A resting order after its `trade`-th fill, of `qty` at `price`; remembers the count while the
   * order rests. The average price is weighted by quantity (every maker piece is at the limit, so it
   * stays the limit).
   */
  private afterPiece(order: Order, qty: Dec, price: Dec, trade: number, now: number): Order {
    const before = dec(order.filledQuantity);
    const total = before.plus(qty);
    let avg = decStr(price);
    if (before.gt(0) && order.avgFillPrice !== null && !dec(order.avgFillPrice).eq(price))
      avg = decStr(before.mul(order.avgFillPrice).plus(qty.mul(price)).div(total));
    const complete = total.gte(order.quantity);
    if (complete) this.fillCounts.delete(order.clientOrderId);
    else this.fillCounts.set(order.clientOrderId, trade);
    return withFill(order, complete ? 'FILLED' : 'PARTIALLY_FILLED', decStr(total), avg, now);
  }

  /** Cancels a resting order: only its unfilled remainder still locks funds, and exactly that is released. */
  private release(order: Order, now: number): Order {
    const remaining = dec(order.quantity).minus(order.filledQuantity);
    if (order.side === 'BUY') {
      const lock = remaining.mul(order.price as string);
      this.quote.locked = this.quote.locked.minus(lock);
      this.quote.free = this.quote.free.plus(lock);
    } else {
      this.baseLocked = this.baseLocked.minus(remaining);
      this.baseFree = this.baseFree.plus(remaining);
    }
    this.resting = this.resting.filter((o) => o !== order);
    this.fillCounts.delete(order.clientOrderId);
    this.refreshTotals();
    return { ...order, status: 'CANCELED', updatedAt: now };
  }

  /** `qty` is the intent's quantity already parsed (a validated order), so it is not parsed again. */
  private newOrder(intent: OrderIntent, now: number, qty?: Dec): Order {
    return {
      clientOrderId: intent.clientOrderId,
      exchangeOrderId: `paper-${intent.clientOrderId}`,
      symbol: intent.symbol,
      side: intent.side,
      type: intent.type,
      status: 'NEW',
      quantity: qty ? decStr(qty) : canonical(intent.quantity),
      price: intent.type === 'LIMIT' && intent.price !== null ? canonical(intent.price) : null,
      filledQuantity: '0',
      avgFillPrice: null,
      mode: 'paper',
      cycleId: intent.cycleId,
      reason: intent.reason,
      tag: intent.tag,
      createdAt: now,
      updatedAt: now,
    };
  }

  private rejected(intent: OrderIntent, now: number, why: string): Order {
    // Order has no field for the venue's answer; the reason carries it so the audit shows why.
    return { ...this.newOrder(intent, now), exchangeOrderId: null, status: 'REJECTED', reason: `${intent.reason} [rejected: ${why}]` };
  }

  // Parsed once per order: sync compares every resting order with every tick.
  private readonly priceCache = new WeakMap<Order, number>();
  private restingPrice(order: Order): number {
    let price = this.priceCache.get(order);
    if (price === undefined) {
      price = Number(order.price);
      this.priceCache.set(order, price);
    }
    return price;
  }

  private refreshTotals(): void {
    this.baseTotal = this.baseFree.plus(this.baseLocked).toNumber();
    this.quote.refresh();
  }
}
