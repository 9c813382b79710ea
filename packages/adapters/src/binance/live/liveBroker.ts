import { exchangeSymbol, type SymbolFilters } from '@warden/core/domain/market';
import { type Fill, isOpenStatus, type Order, type OrderIntent } from '@warden/core/domain/orders';
import { NotFoundError } from '@warden/core/errors/errors';
import type { UnknownOrderPolicy } from '@warden/core/live/unknownOrderPolicy';
import { needsLookup, resolveUnknownOrder } from '@warden/core/live/unknownOrderResolution';
import { type Dec, dec, decMin, decStr, floorToStep } from '@warden/core/money/decimal';
import { notionalBounds } from '@warden/core/money/filters';
import type { Balances, Broker, BrokerUpdate, CancelReport, MarketTick } from '@warden/core/ports/broker';
import type { Store } from '@warden/core/ports/store';
import { OrderNotFound } from 'ccxt';
import type { BinanceExchange } from '../binanceExchange.js';
import type { RequestGovernor } from '../requestGovernor.js';
import { AccountBalanceBook, type RawAssetBalance } from './accountBalanceBook.js';
import type { SyncedClock } from './liveExchange.js';
import { classifySubmitError } from './submitOutcome.js';
import {
  adoptedOrder,
  avgPriceSchema,
  fillFromTrade,
  fillsFromAck,
  orderFromWire,
  parseWire,
  pendingOrder,
  type WireOrder,
  type WireTrade,
  wireOrderSchema,
  wireTradeSchema,
} from './wireOrders.js';

/** Points in an order's life where the crash tests kill the process. */
export type LiveStep = 'intent-persisted' | 'response-received';

export interface LiveLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface LiveBrokerDeps {
  readonly exchange: BinanceExchange;
  readonly governor: RequestGovernor;
  /** The order journal: intents are written here before anything is sent. */
  readonly store: Store;
  readonly filters: SymbolFilters;
  readonly clock: SyncedClock;
  readonly recvWindowMs: number;
  readonly log: LiveLogger;
  readonly alert?: (title: string, lines: readonly string[]) => void;
  /** LIVE_EMERGENCY_FLATTEN: after cancelling, sell the bot's position at market. */
  readonly flattenOnEmergency?: boolean;
  /**
   * LIVE_UNKNOWN_ORDER_POLICY (default report). With adopt or cancel the bot claims every open order
   * on the symbol, so an emergency stop cancels the ones reconciliation has not reached yet too.
   */
  readonly unknownOrderPolicy?: UnknownOrderPolicy;
  /** Test hook at each step of a submission (crash tests). */
  readonly probe?: (step: LiveStep, clientOrderId: string) => void;
  /**
   * The account's balances, shared with the other pairs' brokers of the same account (several
   * pairs): every read updates what all of them see. Default: a book of this broker's own.
   */
  readonly account?: AccountBalanceBook;
}

const NOTHING: BrokerUpdate = { orders: [], fills: [] };

/**
 * Binance spot execution behind the same port as the paper broker. The rules that keep real money
 * safe: an intent is journaled (PENDING_SUBMIT) before it is sent; a create-order whose answer was
 * lost is UNKNOWN and only ever looked up by its client order id, never resent; reads and cancels are
 * retried; and the database, not memory, decides which fills are new (trade ids are unique).
 */
export class LiveBroker implements Broker {
  readonly mode = 'live' as const;
  private readonly book: AccountBalanceBook;
  /** Fills found outside `sync` (a cancel that raced a fill, reconciliation): handed to the next cycle. */
  private inbox: Fill[] = [];

  constructor(private readonly d: LiveBrokerDeps) {
    this.book = d.account ?? new AccountBalanceBook();
  }

  /** This pair's two assets as the account was last read (by this broker or another pair's). */
  private get balancesCache(): Balances {
    return { base: this.book.of(this.d.filters.base), quote: this.book.of(this.d.filters.quote) };
  }

  async submit(intent: OrderIntent, tick: MarketTick): Promise<BrokerUpdate> {
    const { store } = this.d;
    const existing = store.orders.byClientId(intent.clientOrderId);
    // Already journaled (a re-run after a crash, a double click): find out what happened, never send again.
    if (existing) return this.refresh([existing]);
    const now = this.d.clock.now();
    const pending = pendingOrder(intent, now);
    store.transaction(() => {
      store.orders.insert(pending);
      store.audit.append({
        time: now,
        type: 'order.intent',
        actor: 'system',
        reason: intent.reason,
        inputs: { ...intent, mode: 'live' },
        outcome: 'PENDING_SUBMIT',
        correlationId: intent.cycleId,
      });
    });
    this.d.probe?.('intent-persisted', intent.clientOrderId);
    void tick;
    return this.send(pending, false);
  }

  private async send(pending: Order, isResend: boolean): Promise<BrokerUpdate> {
    const { exchange, governor } = this.d;
    try {
      const result = await governor.once('createOrder', () =>
        exchange.createOrder(
          pending.symbol,
          pending.type.toLowerCase(),
          pending.side.toLowerCase() as 'buy' | 'sell',
          Number(pending.quantity),
          pending.type === 'LIMIT' ? Number(pending.price) : undefined,
          {
            newClientOrderId: pending.clientOrderId,
            newOrderRespType: 'FULL',
          },
        ),
      );
      this.d.probe?.('response-received', pending.clientOrderId);
      const wire = parseWire(wireOrderSchema, result.info, 'order acknowledgement');
      const order = orderFromWire(pending, wire, this.d.clock.now());
      return { orders: [order], fills: fillsFromAck(wire, order) };
    } catch (error) {
      const outcome = classifySubmitError(error);
      const message = error instanceof Error ? error.message : String(error);
      if (outcome === 'resend_safe' && !isResend) {
        // 429 / -1021 are refusals of the request itself: nothing reached the matching engine.
        this.d.log.warn(
          { clientOrderId: pending.clientOrderId, error: message },
          'order refused as a request; resending once after waiting / resyncing',
        );
        if (/timestamp/i.test(message)) await this.d.clock.resync();
        return this.send(pending, true);
      }
      if (outcome === 'banned') this.d.alert?.('Binance banned this IP (418)', ['live orders stopped until the ban ends', message]);
      if (outcome === 'unknown') return this.markUnknown(pending, message);
      this.d.log.warn({ clientOrderId: pending.clientOrderId, error: message }, 'live order rejected');
      return {
        orders: [
          {
            ...pending,
            status: 'REJECTED',
            reason: `${pending.reason} | rejected: ${message}`.slice(0, 500),
            updatedAt: this.d.clock.now(),
          },
        ],
        fills: [],
      };
    }
  }

  /** The answer was lost: journal UNKNOWN at once (own transaction), then try one lookup by client id. */
  private async markUnknown(pending: Order, message: string): Promise<BrokerUpdate> {
    const { store } = this.d;
    const now = this.d.clock.now();
    const unknown: Order = { ...pending, status: 'UNKNOWN', updatedAt: now };
    store.transaction(() => {
      store.orders.update(unknown);
      store.audit.append({
        time: now,
        type: 'order.unknown',
        actor: 'system',
        reason: message.slice(0, 300),
        inputs: { clientOrderId: pending.clientOrderId },
        outcome: 'UNKNOWN',
        correlationId: pending.cycleId,
      });
    });
    this.d.log.warn({ clientOrderId: pending.clientOrderId, error: message }, 'live order outcome unknown; resolving by client order id');
    try {
      return await this.refresh([unknown]);
    } catch (error) {
      this.d.log.warn({ clientOrderId: pending.clientOrderId, err: error }, 'lookup failed; the order stays UNKNOWN until the next sync');
      return { orders: [unknown], fills: [] };
    }
  }

  /** Polls the exchange for every open order in the journal, and hands over fills found elsewhere. */
  async sync(tick: MarketTick): Promise<BrokerUpdate> {
    void tick;
    await this.refreshBalances().catch((error: unknown) => this.d.log.warn({ err: error }, 'balance refresh failed'));
    const open = this.d.store.orders.open(this.d.filters.symbol);
    const update = open.length > 0 ? await this.refresh(open) : NOTHING;
    const inbox = this.takeInbox(update.fills);
    return inbox.length === 0 ? update : { orders: update.orders, fills: [...update.fills, ...inbox] };
  }

  /** Current exchange state of `orders` and their fills not yet in the database. */
  async refresh(orders: readonly Order[]): Promise<BrokerUpdate> {
    const { exchange, governor, filters } = this.d;
    const out: Order[] = [];
    const fills: Fill[] = [];
    const listed = new Map<string, WireOrder>();
    if (orders.some((o) => !needsLookup(o.status))) {
      const open = await governor.read('fetchOpenOrders', () => exchange.fetchOpenOrders(filters.symbol));
      for (const o of open) {
        const w = parseWire(wireOrderSchema, o.info, 'open order');
        listed.set(w.clientOrderId, w);
      }
    }
    for (const order of orders) {
      const now = this.d.clock.now();
      let wire = listed.get(order.clientOrderId) ?? null;
      if (wire && dec(wire.executedQty).eq(order.filledQuantity) && order.status !== 'PENDING_SUBMIT' && order.status !== 'UNKNOWN')
        continue;
      if (!wire) wire = await this.lookup(order);
      if (!wire) {
        if (!isOpenStatus(order.status) || !needsLookup(order.status)) continue;
        const r = resolveUnknownOrder(order, { found: false }, now, this.d.recvWindowMs);
        if (r.action === 'mark_rejected')
          out.push({ ...order, status: 'REJECTED', reason: `${order.reason} | ${r.reason}`.slice(0, 500), updatedAt: now });
        continue;
      }
      const next = orderFromWire(order, wire, now);
      if (next.status === order.status && next.filledQuantity === order.filledQuantity && order.exchangeOrderId !== null) continue;
      out.push(next);
      if (dec(next.filledQuantity).gt(order.filledQuantity) || needsLookup(order.status)) fills.push(...(await this.newFillsOf(next)));
    }
    return { orders: out, fills };
  }

  /** The order by client id; null when the exchange does not know it (-2013). */
  private async lookup(order: Order): Promise<WireOrder | null> {
    const { exchange, governor, filters } = this.d;
    try {
      const found = await governor.read('fetchOrder', () =>
        exchange.fetchOrder('', filters.symbol, { origClientOrderId: order.clientOrderId }),
      );
      return parseWire(wireOrderSchema, found.info, 'order');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Trades of one order that the database has not recorded. */
  async newFillsOf(order: Order): Promise<Fill[]> {
    if (order.exchangeOrderId === null || dec(order.filledQuantity).isZero()) return [];
    const { exchange, governor, filters, store } = this.d;
    const trades = await governor.read('fetchMyTrades', () =>
      exchange.fetchMyTrades(filters.symbol, undefined, undefined, { orderId: order.exchangeOrderId }),
    );
    const known = new Set(store.fills.list({ clientOrderId: order.clientOrderId }, { limit: 1000 }).items.map((f) => f.tradeId));
    return trades
      .map((t) => parseWire(wireTradeSchema, t.info, 'trade'))
      .filter((t) => t.orderId === order.exchangeOrderId && !known.has(t.id))
      .map((t) => fillFromTrade(t, order));
  }

  /** Every open order the exchange lists for the symbol, ours or not (reconciliation). */
  async exchangeOpenOrders(): Promise<WireOrder[]> {
    const { exchange, governor, filters } = this.d;
    const open = await governor.read('fetchOpenOrders', () => exchange.fetchOpenOrders(filters.symbol));
    return open.map((o) => parseWire(wireOrderSchema, o.info, 'open order'));
  }

  /** The account's recent trades on the symbol (Binance: the last 7 days, up to `limit`) that the database lacks, for orders it knows. */
  async missedFills(limit = 1000): Promise<Fill[]> {
    return this.unrecordedFills(await this.recentTrades(limit));
  }

  /** The account's recent trades on the symbol, parsed (Binance: the last 7 days, up to `limit`). */
  async recentTrades(limit = 1000): Promise<WireTrade[]> {
    const { exchange, governor, filters } = this.d;
    const trades = await governor.read('fetchMyTrades', () => exchange.fetchMyTrades(filters.symbol, undefined, limit));
    return trades.map((raw) => parseWire(wireTradeSchema, raw.info, 'trade'));
  }

  /**
   * Of `trades`, the fills the database has not recorded, for orders it knows. Synchronous: read
   * together with the position, the answer cannot straddle a cycle's commit (one SQLite transaction).
   */
  unrecordedFills(trades: readonly WireTrade[]): Fill[] {
    const { store } = this.d;
    const out: Fill[] = [];
    const byExchangeId = new Map<string, Order | null>();
    for (const t of trades) {
      if (!byExchangeId.has(t.orderId)) byExchangeId.set(t.orderId, this.orderByExchangeId(t.orderId));
      const order = byExchangeId.get(t.orderId);
      if (!order) continue;
      const known = store.fills.list({ clientOrderId: order.clientOrderId }, { limit: 1000 }).items.some((f) => f.tradeId === t.id);
      if (!known) out.push(fillFromTrade(t, order));
    }
    return out;
  }

  private orderByExchangeId(exchangeOrderId: string): Order | null {
    for (let cursor: number | undefined, i = 0; i < 20; i++) {
      const page = this.d.store.orders.list({ symbol: this.d.filters.symbol }, { limit: 200, cursor });
      const hit = page.items.find((o) => o.exchangeOrderId === exchangeOrderId);
      if (hit) return hit;
      if (page.nextCursor === null) return null;
      cursor = page.nextCursor;
    }
    return null;
  }

  /** Queues fills discovered outside a cycle for the next `sync` (the cycle owns the position). */
  enqueueFills(fills: readonly Fill[]): void {
    for (const f of fills) if (!this.inbox.some((x) => x.tradeId === f.tradeId)) this.inbox.push(f);
  }

  private takeInbox(already: readonly Fill[]): Fill[] {
    const seen = new Set(already.map((f) => f.tradeId));
    const known = (f: Fill) =>
      this.d.store.fills.list({ clientOrderId: f.clientOrderId }, { limit: 1000 }).items.some((x) => x.tradeId === f.tradeId);
    const out = this.inbox.filter((f) => !seen.has(f.tradeId) && !known(f));
    this.inbox = [];
    return out;
  }

  async cancel(clientOrderId: string, now: number): Promise<BrokerUpdate> {
    const { exchange, governor, filters } = this.d;
    const order = this.d.store.orders.byClientId(clientOrderId);
    // Another pair's order is never cancelled (or recorded) through this pair's symbol.
    if (!order || order.symbol !== filters.symbol)
      throw new NotFoundError(`no live order ${clientOrderId} on ${filters.symbol}`, { clientOrderId, symbol: filters.symbol });
    try {
      const result = await governor.read('cancelOrder', () =>
        exchange.cancelOrder('', filters.symbol, { origClientOrderId: clientOrderId }),
      );
      const next = orderFromWire(order, parseWire(wireOrderSchema, result.info, 'cancel'), now);
      // A cancel can race a fill: its trades go to the next cycle, which moves the position.
      if (dec(next.filledQuantity).gt(order.filledQuantity)) this.enqueueFills(await this.newFillsOf(next));
      return { orders: [next], fills: [] };
    } catch (error) {
      // -2011: already closed (filled, canceled) or never placed: read its real state instead.
      if (isNotFound(error)) return this.refresh([order]);
      throw error;
    }
  }

  /** Cancels an order that is not in the journal (LIVE_UNKNOWN_ORDER_POLICY=cancel). */
  async cancelForeign(clientOrderId: string): Promise<void> {
    const { exchange, governor, filters } = this.d;
    await governor.read('cancelOrder', () => exchange.cancelOrder('', filters.symbol, { origClientOrderId: clientOrderId }));
  }

  /**
   * Emergency stop: cancels every open order of ours — the bot's own and the ones adopted from the
   * exchange (LIVE_UNKNOWN_ORDER_POLICY=adopt), which are journaled like its own. With adopt or
   * cancel, orders that appeared on the exchange since the last reconciliation are claimed and
   * cancelled too (see `cancelUnclaimed`). Failures are reported, not thrown.
   */
  async cancelAll(symbol: string, now: number): Promise<CancelReport> {
    const canceled: Order[] = [];
    const failed: Array<{ clientOrderId: string; error: string }> = [];
    const journal = this.d.store.orders.open(symbol);
    for (const order of journal) {
      try {
        const update = await this.cancel(order.clientOrderId, now);
        canceled.push(...update.orders);
      } catch (error) {
        failed.push({ clientOrderId: order.clientOrderId, error: describe(error) });
      }
    }
    if ((this.d.unknownOrderPolicy ?? 'report') !== 'report')
      await this.cancelUnclaimed(new Set(journal.map((o) => o.clientOrderId)), now, canceled, failed);
    if (this.d.flattenOnEmergency) await this.flatten(symbol, now, failed);
    return { canceled, failed };
  }

  /**
   * The exchange's open orders on the symbol that the journal did not hold open. Reconciliation
   * would adopt (or cancel) each at its next run; a stop must not leave them resting until then.
   * adopt: journaled as adopted (audited `live.unknown_order`, like reconciliation does), then
   * cancelled like our own and reported as canceled. cancel: cancelled as foreign and audited.
   */
  private async cancelUnclaimed(
    handled: ReadonlySet<string>,
    now: number,
    canceled: Order[],
    failed: Array<{ clientOrderId: string; error: string }>,
  ): Promise<void> {
    const { store, filters } = this.d;
    const policy = this.d.unknownOrderPolicy ?? 'report';
    let listed: WireOrder[];
    try {
      listed = await this.exchangeOpenOrders();
    } catch (error) {
      failed.push({ clientOrderId: '(exchange open orders)', error: `could not list the exchange's open orders: ${describe(error)}` });
      return;
    }
    for (const wire of listed) {
      if (handled.has(wire.clientOrderId)) continue;
      const journaled = store.orders.byClientId(wire.clientOrderId);
      const known = journaled !== null && journaled.symbol === filters.symbol;
      // The id is another pair's in the journal (Binance keeps ids apart per symbol): it cannot be
      // adopted here, so it is cancelled as foreign, like the cancel policy does.
      const otherPairs = journaled !== null && !known;
      try {
        if (!known && (policy === 'cancel' || otherPairs)) {
          await this.cancelForeign(wire.clientOrderId);
          this.auditUnclaimed(wire, now, 'canceled');
          continue;
        }
        if (!known) {
          store.orders.insert(adoptedOrder(wire, filters.symbol, now));
          this.auditUnclaimed(wire, now, 'adopt');
        }
        canceled.push(...(await this.cancel(wire.clientOrderId, now)).orders);
      } catch (error) {
        failed.push({ clientOrderId: wire.clientOrderId, error: describe(error) });
      }
    }
  }

  private auditUnclaimed(wire: WireOrder, now: number, outcome: string): void {
    this.d.store.audit.append({
      time: now,
      type: 'live.unknown_order',
      actor: 'system',
      reason: `exchange order ${wire.clientOrderId} is not in the database; claimed by the emergency stop to cancel it`,
      inputs: {
        clientOrderId: wire.clientOrderId,
        exchangeOrderId: wire.orderId,
        symbol: this.d.filters.symbol,
        side: wire.side,
        type: wire.type,
        quantity: wire.origQty,
        price: wire.price,
      },
      outcome,
    });
  }

  /**
   * Sells the bot's recorded position (never the account's other holdings) at market, bypassing the
   * risk engine on purpose: the state is EMERGENCY_STOP, where the engine blocks every order. Its fills
   * reach the position through the next sync like any other.
   */
  private async flatten(symbol: string, now: number, failed: Array<{ clientOrderId: string; error: string }>): Promise<void> {
    const { store, filters } = this.d;
    const held = dec(store.positions.get(symbol)?.quantity ?? '0');
    const free = dec((await this.refreshBalances().catch(() => this.balancesCache)).base.free);
    let quantity = floorToStep(decMin(held, free), filters.stepSize);
    // Named after the pair too: an emergency stop flattens every pair at the same `now`, and client
    // order ids are unique across the journal (one id for two pairs left all but the first unsold).
    const clientOrderId = `wdflat${exchangeSymbol(symbol).slice(0, 12)}${now.toString(36)}`;
    if (quantity.lt(filters.minQty)) return;
    // The notional bounds Binance applies to MARKET orders (NOTIONAL.applyMin/MaxToMarket), valued
    // as it values them: at the average price. Unknown price: send, and let the exchange decide.
    const bounds = notionalBounds(filters, 'MARKET');
    const price = bounds.min.gt(0) || bounds.max !== null ? await this.averagePrice(symbol) : null;
    if (price !== null && bounds.max !== null && quantity.mul(price).gt(bounds.max)) {
      const capped = floorToStep(bounds.max.div(price), filters.stepSize);
      failed.push({
        clientOrderId,
        error: `flatten capped at the exchange's maximum notional for market orders (${decStr(bounds.max)} ${filters.quote}): ${decStr(quantity.minus(capped))} ${filters.base} left to sell`,
      });
      quantity = capped;
    }
    // Like a quantity below minQty: dust the exchange would refuse to sell.
    if (quantity.lt(filters.minQty) || (price !== null && quantity.mul(price).lt(bounds.min))) return;
    try {
      const update = await this.submit(
        {
          clientOrderId,
          symbol,
          side: 'SELL',
          type: 'MARKET',
          quantity: decStr(quantity),
          price: null,
          cycleId: null,
          reason: 'emergency stop: LIVE_EMERGENCY_FLATTEN',
          tag: 'flatten',
        },
        { now, price: 0, high: 0, low: 0, volume: 0 },
      );
      store.transaction(() => {
        for (const o of update.orders) store.orders.update(o);
      });
      this.enqueueFills(update.fills);
      const status = update.orders.find((o) => o.clientOrderId === clientOrderId)?.status;
      if (status === 'REJECTED') failed.push({ clientOrderId, error: 'flatten order rejected' });
      // The exchange did not answer clearly: the sell may or may not exist. Reconciliation settles
      // it, but the operator must hear now that the position may still be open.
      else if (status === 'UNKNOWN' || status === 'PENDING_SUBMIT' || status === undefined)
        failed.push({ clientOrderId, error: 'flatten order status unknown: reconciliation will settle it' });
    } catch (error) {
      failed.push({ clientOrderId, error: `flatten failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** Binance's average price (`GET /api/v3/avgPrice`), at which it checks a MARKET order's notional; null when it cannot be read. */
  private async averagePrice(symbol: string): Promise<Dec | null> {
    const { exchange, governor } = this.d;
    try {
      const body = await governor.read('avgPrice', () => exchange.publicGetAvgPrice({ symbol: exchangeSymbol(symbol) }));
      const price = dec(parseWire(avgPriceSchema, body, 'average price').price);
      return price.gt(0) ? price : null;
    } catch (error) {
      this.d.log.warn({ symbol, err: error }, 'average price unavailable; the flatten order is sent unchecked');
      return null;
    }
  }

  async openOrders(symbol: string): Promise<readonly Order[]> {
    return this.d.store.orders.open(symbol);
  }

  async balances(): Promise<Balances> {
    await this.refreshBalances();
    return this.balancesCache;
  }

  async refreshBalances(): Promise<Balances> {
    const { exchange, governor } = this.d;
    const balance = await governor.read('fetchBalance', () => exchange.fetchBalance());
    const raw = (balance.info as { balances?: RawAssetBalance[] }).balances ?? [];
    this.book.update(raw, this.d.clock.now());
    return this.balancesCache;
  }

  /** Account value in quote at `price`, from the last balances read (the per-cycle mark). */
  equityAt(price: number): number {
    return this.quoteHeld() + this.baseHeld() * price;
  }

  baseHeld(): number {
    const b = this.balancesCache.base;
    return Number(b.free) + Number(b.locked);
  }

  quoteHeld(): number {
    const q = this.balancesCache.quote;
    return Number(q.free) + Number(q.locked);
  }

  /** Nothing to checkpoint: the exchange and the order journal are the state. */
  state(): undefined {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isNotFound(error: unknown): boolean {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return (
    cause instanceof OrderNotFound || (error instanceof Error && /-2013|-2011|Order does not exist|Unknown order sent/i.test(error.message))
  );
}
