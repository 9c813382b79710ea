import { z } from 'zod';
import { actorInputs } from '../app/actorInputs.js';
import { readTradingState } from '../app/controlServiceImpl.js';
import type { ActorRef } from '../app/services.js';
import { pairTag } from '../cycle/cycleIds.js';
import type { SymbolFilters } from '../domain/market.js';
import type { Order, OrderIntent } from '../domain/orders.js';
import type { TradeSignal } from '../domain/signal.js';
import { ConflictError, ValidationError } from '../errors/errors.js';
import { dec } from '../money/decimal.js';
import type { Broker, BrokerUpdate } from '../ports/broker.js';
import type { Store } from '../ports/store.js';
import type { RiskEngine, RiskInput } from '../risk/riskEngine.js';
import { restingBuyQuantity } from '../risk/riskInput.js';
import type { TradingState } from '../state/tradingState.js';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string');

/** `POST /api/live/orders`: a size in base (`quantity`) or in quote (`quoteAmount`), a price only for limits, and a reason. */
export const manualLiveOrderSchema = z
  .strictObject({
    symbol: z
      .string()
      .regex(/^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/, 'expected BASE/QUOTE, e.g. BTC/USDT')
      .optional(),
    side: z.enum(['BUY', 'SELL']),
    type: z.enum(['MARKET', 'LIMIT']),
    quantity: decimal.optional(),
    quoteAmount: decimal.optional(),
    price: decimal.optional(),
    reason: z.string().trim().min(1).max(500),
    /**
     * Idempotency key: send the same key again (a retry after a timeout) and the first order is
     * returned instead of a second one being placed. Without it, every request is a new order.
     */
    clientOrderId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'expected 1-32 letters, digits, _ or -')
      .optional(),
  })
  .refine((b) => (b.quantity === undefined) !== (b.quoteAmount === undefined), {
    message: 'give exactly one of quantity or quoteAmount',
    path: ['quantity'],
  })
  .refine((b) => (b.type === 'LIMIT') === (b.price !== undefined), {
    message: 'price is required for LIMIT orders and not allowed for MARKET',
    path: ['price'],
  });
export type ManualLiveOrderInput = z.infer<typeof manualLiveOrderSchema>;

export type ManualLiveOrderResult =
  | { readonly decision: 'BLOCK'; readonly reasons: readonly string[] }
  | { readonly decision: 'ALLOW'; readonly order: Order; readonly fills: number; readonly duplicate?: true };

/** What the risk engine needs besides the order: the market and the account marks right now. */
export type RiskContext = Omit<RiskInput, 'signal' | 'filters' | 'freeBase' | 'freeQuote' | 'openOrders' | 'restingBuyQuantity'>;

/**
 * The client order id of a manual order sent without an idempotency key: `wdm` + the pair's tag
 * (`pairTag`: its exchange symbol, or for one longer than 12 characters its first 7 and a hash) +
 * the time (ms, base 36) + a per-pair sequence (base 36), within Binance's 36 characters. The tag
 * keeps two pairs' orders sent in the same millisecond apart: ids are unique across the account's
 * journal, and a clash made the second order "already placed".
 */
export function manualClientOrderId(symbol: string, now: number, sequence: number): string {
  return `wdm${pairTag(symbol)}${now.toString(36)}${sequence.toString(36)}`.slice(0, 36);
}

export interface ManualLiveOrderDeps {
  readonly store: Store;
  readonly broker: Broker;
  readonly risk: RiskEngine;
  readonly filters: SymbolFilters;
  readonly riskContext: () => Promise<RiskContext>;
  /** Persists the broker's answer; fills go to the cycle, which owns the position. */
  readonly handOver: (update: BrokerUpdate) => void;
  readonly newClientOrderId: () => string;
  /**
   * The state this pair trades in, read again right before the send: with several pairs the
   * account's state or, while that is RUNNING, the pair's own switch (a paused pair sends nothing,
   * manual orders included). Default: the account's state.
   */
  readonly tradingState?: () => TradingState;
}

/**
 * A manual live order from an admin: the same risk engine as the strategy's orders (state, staleness,
 * size, balances, filters), a second look at the trading state right before the send (as the cycle
 * does), then the live broker, which journals it before sending. Every attempt —
 * blocked, rejected or placed — is audited with the admin as actor and their reason.
 */
export class ManualLiveOrders {
  constructor(private readonly d: ManualLiveOrderDeps) {}

  async place(input: unknown, actor: ActorRef): Promise<ManualLiveOrderResult> {
    const parsed = manualLiveOrderSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ValidationError(issue?.message ?? 'invalid order', issue?.path.join('.'));
    }
    const body = parsed.data;
    const { filters, store, broker } = this.d;
    if (body.symbol !== undefined && body.symbol !== filters.symbol)
      throw new ValidationError(`live orders are only for the traded symbol ${filters.symbol}`, 'symbol');
    const clientOrderId = body.clientOrderId ? `wdm-${body.clientOrderId}` : this.d.newClientOrderId();
    const existing = store.orders.byClientId(clientOrderId);
    if (existing) {
      // Keys are the account's, not a pair's (one journal, one id space on Binance's side of Warden):
      // a key used on another pair is a different order, never that pair's order as "the duplicate".
      if (existing.symbol !== filters.symbol)
        throw new ConflictError(
          `clientOrderId ${body.clientOrderId} was already used for a ${existing.symbol} order; use another key for ${filters.symbol}`,
          { clientOrderId, symbol: existing.symbol },
        );
      // The same key for a different order is a mistake, not a retry.
      const samePrice = body.price === undefined ? existing.price === null : existing.price !== null && dec(existing.price).eq(body.price);
      if (existing.side !== body.side || existing.type !== body.type || !samePrice) {
        throw new ConflictError(
          `clientOrderId ${body.clientOrderId} was already used for a different order (${existing.side} ${existing.type}${existing.price ? ` @ ${existing.price}` : ''})`,
          { clientOrderId },
        );
      }
      // A retry of a request that already placed its order: answer with that order, send nothing.
      const fills = store.fills.list({ clientOrderId }, { limit: 500 }).items.length;
      store.audit.append({
        time: existing.updatedAt,
        type: 'live.manual_order',
        actor: actor.id,
        reason: body.reason,
        inputs: { request: body, role: actor.role, clientOrderId, ...actorInputs(actor) },
        outcome: 'DUPLICATE',
      });
      return { decision: 'ALLOW', order: existing, fills, duplicate: true };
    }
    const ctx = await this.d.riskContext();
    const balances = await broker.balances();
    const signal: TradeSignal = {
      action: body.side,
      reason: body.reason,
      inputs: { manual: true, actor: actor.id },
      ...(body.price !== undefined ? { limitPrice: Number(body.price) } : {}),
      ...(body.quantity !== undefined ? { baseQuantity: Number(body.quantity) } : { quoteAmount: Number(body.quoteAmount) }),
    };
    const open = await broker.openOrders(filters.symbol);
    const decision = this.d.risk.evaluate({
      ...ctx,
      signal,
      filters,
      freeBase: balances.base.free,
      freeQuote: balances.quote.free,
      openOrders: open.length,
      restingBuyQuantity: restingBuyQuantity(open),
    });
    const audit = (outcome: string, inputs: Record<string, unknown>) =>
      store.audit.append({
        time: ctx.now,
        type: 'live.manual_order',
        actor: actor.id,
        reason: body.reason,
        inputs: { request: body, role: actor.role, ...actorInputs(actor), ...inputs },
        outcome,
      });
    if (decision.decision === 'BLOCK') {
      audit('BLOCK', { reasons: decision.reasons, risk: decision.inputs });
      return { decision: 'BLOCK', reasons: decision.reasons };
    }
    const intent: OrderIntent = {
      clientOrderId,
      symbol: filters.symbol,
      side: decision.side,
      type: decision.type,
      quantity: decision.quantity,
      price: decision.type === 'LIMIT' ? decision.price : null,
      cycleId: null,
      reason: `manual by ${actor.id}: ${body.reason}`.slice(0, 500),
      tag: 'manual',
    };
    // As in the cycle: the state was read before the ticker, balances and open orders were awaited,
    // and a pause or emergency stop may have landed meanwhile. Nothing is awaited between this check and the send.
    const stateNow = this.d.tradingState ? this.d.tradingState() : readTradingState(store);
    if (stateNow !== 'RUNNING') {
      audit('BLOCK', { reasons: ['NOT_RUNNING'], state: stateNow, note: 'state changed while the order was being checked' });
      return { decision: 'BLOCK', reasons: ['NOT_RUNNING'] };
    }
    const update = await broker.submit(intent, { now: ctx.now, price: ctx.price, high: ctx.price, low: ctx.price, volume: 0 });
    this.d.handOver(update);
    const order = update.orders.find((o) => o.clientOrderId === intent.clientOrderId) ?? store.orders.byClientId(intent.clientOrderId);
    if (!order) throw new Error(`live order ${intent.clientOrderId} vanished from the journal`);
    audit(order.status, {
      clientOrderId: intent.clientOrderId,
      quantity: intent.quantity,
      price: intent.price,
      shrunkBy: decision.shrunkBy,
      fills: update.fills.length,
    });
    return { decision: 'ALLOW', order, fills: update.fills.length };
  }
}
