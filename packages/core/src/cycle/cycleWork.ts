import type { Candle } from '../domain/market.js';
import type { Fill, Order } from '../domain/orders.js';
import type { Signal } from '../domain/signal.js';
import type { AuditEventInput } from '../ports/auditLog.js';
import type { MarketTick } from '../ports/broker.js';
import type { RiskDecision } from '../risk/riskEngine.js';
import type { CycleOutcome } from './cycleDeps.js';
import { syncCycleId } from './cycleIds.js';
import type { MarketSnapshot } from './marketFeed.js';
import type { ActiveStrategy } from './strategyHost.js';

export const NONE: readonly never[] = Object.freeze([]);

/**
 * One cycle's working set, handed from step to step and returned as its outcome. The id is built
 * on first use: most backtest cycles hold and write nothing, and formatting an id per candle cost
 * about a third of such a cycle.
 */
export class CycleWork implements CycleOutcome {
  readonly tick: MarketTick;
  decided = false;
  signal: Signal | null = null;
  decision: RiskDecision | null = null;
  active: ActiveStrategy | null = null;
  equity = 0;
  #cycleId: string | null = null;
  // Allocated on first write: most backtest cycles write nothing.
  #events: AuditEventInput[] | null = null;
  #orders: Order[] | null = null;
  #fills: Fill[] | null = null;

  constructor(
    readonly now: number,
    readonly market: MarketSnapshot,
    /** The last closed primary candle. */
    readonly lastCandle: Candle | undefined,
    private readonly idPrefix: string,
  ) {
    // A snapshot is a tick of its own (now, price, high, low, volume): no second object per cycle.
    this.tick = market.now === now ? market : { now, price: market.price, high: market.high, low: market.low, volume: market.volume };
  }

  get events(): readonly AuditEventInput[] {
    return this.#events ?? NONE;
  }

  get orders(): readonly Order[] {
    return this.#orders ?? NONE;
  }

  get fills(): readonly Fill[] {
    return this.#fills ?? NONE;
  }

  record(event: AuditEventInput): void {
    this.#events ??= [];
    this.#events.push(event);
  }

  /** An order in its latest state: replaces an earlier state of the same order from this cycle. */
  upsertOrder(order: Order): void {
    this.#orders ??= [];
    const i = this.#orders.findIndex((x) => x.clientOrderId === order.clientOrderId);
    if (i >= 0) this.#orders[i] = order;
    else this.#orders.push(order);
  }

  addFill(fill: Fill): void {
    this.#fills ??= [];
    this.#fills.push(fill);
  }

  /** The outcome as plain data (the lists and the id are getters, which JSON and spreads would skip). */
  toJSON(): CycleOutcome {
    const { cycleId, decided, signal, decision, orders, fills, equity } = this;
    return { cycleId, decided, signal, decision, orders, fills, equity };
  }

  get cycleId(): string {
    this.#cycleId ??= this.decided && this.lastCandle ? this.idPrefix + this.lastCandle.openTime : syncCycleId(this.now);
    return this.#cycleId;
  }
}
