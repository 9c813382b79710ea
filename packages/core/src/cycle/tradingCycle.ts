import { CONFIG_KEYS } from '../app/configKeys.js';
import type { LiveUpdates } from '../app/liveUpdates.js';
import { type CandleGapReport, describeGap } from '../data/candleGaps.js';
import { type Candle, type SymbolFilters, TIMEFRAME_MS } from '../domain/market.js';
import type { Fill, Order, OrderIntent, Position } from '../domain/orders.js';
import { hold, type Signal, type TradeSignal } from '../domain/signal.js';
import { fillNotification, gapNotification, orderNotification, riskBlockNotification } from '../notifications/tradeMessages.js';
import type { MetricsTracker } from '../portfolio/metricsTracker.js';
import { applyFill, unrealizedPnl } from '../portfolio/position.js';
import type { AuditEventInput } from '../ports/auditLog.js';
import type { Balances, Broker, BrokerUpdate, MarketTick } from '../ports/broker.js';
import { isPending, type MaybePromise, whenReady } from '../ports/maybePromise.js';
import type { Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import type { EquityWatermarks } from '../risk/equityWatermarks.js';
import type { RiskDecision, RiskEngine } from '../risk/riskEngine.js';
import { restingBuyQuantity } from '../risk/riskInput.js';
import type { TradingState } from '../state/tradingState.js';
import type { StrategyContext, StrategySettings } from '../strategy/types.js';
import { clientOrderIdFor, cycleIdPrefix, syncCycleId } from './cycleIds.js';
import type { MarketFeed, MarketSnapshot } from './marketFeed.js';
import type { ActiveStrategy, StrategyHost } from './strategyHost.js';

/** Float marks of the account for the per-cycle equity snapshot (exact balances come from the broker). */
export interface AccountMarks {
  equityAt(price: number): number;
  baseTotal(): number;
  quoteTotal(): number;
}

export interface CycleDeps {
  readonly settings: StrategySettings;
  readonly feed: MarketFeed;
  readonly broker: Broker;
  readonly account: AccountMarks;
  readonly store: Store;
  readonly strategies: StrategyHost;
  readonly risk: RiskEngine;
  readonly filters: SymbolFilters;
  readonly metrics: MetricsTracker;
  readonly watermarks: EquityWatermarks;
  readonly state: () => TradingState;
  /** Enters EMERGENCY_STOP through the control service (cancels open orders, audits, notifies). */
  readonly emergencyStop: (reason: string) => MaybePromise<void>;
  readonly notifier: Notifier;
  readonly liveUpdates?: LiveUpdates;
  /** The broker's restorable state (paper account), written in the cycle's transaction. */
  readonly brokerCheckpoint?: () => unknown;
  /**
   * Called when a cycle's transaction failed after the broker had moved (paper: rewind the broker
   * to its last committed checkpoint). The cycle itself reloads its position and strategy.
   */
  readonly onCommitFailed?: () => void;
  /** Write an equity and metrics snapshot on every cycle (paper/live) or only on deciding cycles. */
  readonly snapshotEveryCycle?: boolean;
  /**
   * Backtests: no per-cycle snapshots, HOLD events, strategy-state or broker checkpoints (nothing
   * restarts a backtest, and its report keeps its own equity curve), and no notifications or live
   * updates. Orders, fills, risk decisions and trade signals are still recorded exactly as in paper.
   */
  readonly replay?: boolean;
}

export interface CycleOutcome {
  readonly cycleId: string;
  readonly decided: boolean;
  readonly signal: Signal | null;
  readonly decision: RiskDecision | null;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly equity: number;
}

const LAST_DECIDED_KEY = 'cycle.last_decided_open_time';

const NONE: readonly never[] = Object.freeze([]);

/**
 * One cycle's working set, handed from step to step and returned as its outcome. The id is built
 * on first use: most backtest cycles hold and write nothing, and formatting an id per candle cost
 * about a third of such a cycle.
 */
class CycleWork implements CycleOutcome {
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
    // A snapshot is a tick of its own (now, price, high, low): no second object per cycle.
    this.tick = market.now === now ? market : { now, price: market.price, high: market.high, low: market.low };
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

/**
 * One trading cycle, the same in backtest, paper and live (the seed's section 3):
 * 1 load candles → 2 strategy → 3 risk → 4 broker → 5 persist orders/fills/positions →
 * 6 equity + metrics snapshots → 7 audit events. Steps 5–7 are one transaction.
 * The strategy decides once per closed primary candle; cycles in between only collect fills of
 * resting orders and mark the account to market.
 *
 * The steps are chained through `whenReady`: with a replayed feed and the paper broker every port
 * answers at once and the whole cycle runs synchronously (a backtest's year of 1m candles makes no
 * promise per candle); with the exchange the same steps wait for each answer.
 */
export class TradingCycle {
  private lastDecidedOpenTime: number;
  private position: Position | null = null;
  /** The position in plain numbers for the strategy context, parsed once per position change. */
  private positionMarks: StrategyContext['position'] = { quantity: 0, avgEntryPrice: 0 };
  private readonly tags = new Map<string, string | null>();
  private readonly idPrefix: string;
  private readonly replay: boolean;

  constructor(private readonly deps: CycleDeps) {
    this.lastDecidedOpenTime = deps.store.config.get<number>(LAST_DECIDED_KEY) ?? -1;
    this.setPosition(deps.store.positions.get(deps.settings.symbol));
    this.idPrefix = cycleIdPrefix(deps.settings.symbol, deps.settings.primaryTimeframe);
    this.replay = deps.replay === true;
  }

  /** Paper and live: the cycle as a promise (a failing cycle rejects; it never throws at the caller). */
  run(now: number): Promise<CycleOutcome> {
    try {
      return Promise.resolve(this.step(now));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The cycle itself: an outcome at once when every port answered at once (a backtest), else a promise. */
  step(now: number): MaybePromise<CycleOutcome> {
    // 1. market data (explicit branches on the per-candle path: a closure per candle is measurable)
    const market = this.deps.feed.snapshot(now);
    return isPending(market) ? Promise.resolve(market).then((m) => this.catchUp(now, m)) : this.catchUp(now, market);
  }

  /** The broker catches up with the market (resting orders that the price crossed fill now). */
  private catchUp(now: number, market: MarketSnapshot): MaybePromise<CycleOutcome> {
    const primary = market.candles[this.deps.settings.primaryTimeframe] ?? [];
    const work = new CycleWork(now, market, primary[primary.length - 1], this.idPrefix);
    const synced = this.deps.broker.sync(work.tick);
    return isPending(synced) ? Promise.resolve(synced).then((u) => this.afterCatchUp(work, u)) : this.afterCatchUp(work, synced);
  }

  private afterCatchUp(work: CycleWork, synced: BrokerUpdate): MaybePromise<CycleOutcome> {
    this.collect(synced, work);
    const gaps = work.market.gaps;
    if (gaps !== undefined && gaps.length > 0) this.recordGaps(work, gaps);
    if (!this.replay && this.deps.state() === 'EMERGENCY_STOP') return this.sweepOpenOrders(work).then(() => this.decide(work));
    return this.decide(work);
  }

  /** A hole in the market data is an event: indicators restart after it, and the operator should know. */
  private recordGaps(work: CycleWork, gaps: readonly CandleGapReport[]): void {
    for (const gap of gaps) {
      work.record({
        time: work.now,
        type: 'market.gap',
        actor: 'system',
        reason: `data gap: ${describeGap(gap)}; indicators restart after it`,
        inputs: { symbol: this.deps.settings.symbol, ...gap },
        outcome: 'indicators_restarted',
        correlationId: work.cycleId,
      });
    }
  }

  /** 2. strategy, once per closed primary candle. */
  private decide(work: CycleWork): MaybePromise<CycleOutcome> {
    const { lastCandle } = work;
    // A replay in EMERGENCY_STOP can never trade again (nobody resumes a backtest): it only marks to market.
    const stoppedReplay = this.replay && this.deps.state() === 'EMERGENCY_STOP';
    work.decided = !stoppedReplay && lastCandle !== undefined && lastCandle.openTime > this.lastDecidedOpenTime;
    if (!work.decided) return this.finish(work);
    const active = this.deps.strategies.current();
    work.active = active;
    // Contained: a throwing strategy costs its cycle, never the process.
    const signal = this.evaluate(active.strategy, work);
    work.signal = signal;
    if (signal.action !== 'HOLD' || !this.replay) {
      work.record({
        time: work.now,
        type: 'strategy.signal',
        actor: 'system',
        reason: signal.reason,
        inputs: { strategy: active.name, action: signal.action, ...signal.inputs },
        outcome: signal.action,
        correlationId: work.cycleId,
      });
    }
    if (signal.action === 'HOLD') return this.finish(work);
    const { broker, settings } = this.deps;
    return whenReady(broker.balances(), (balances) =>
      whenReady(broker.openOrders(settings.symbol), (open) => this.assess(work, signal, balances, open)),
    );
  }

  /** 3. risk, then 4. execution of what it allowed. */
  private assess(work: CycleWork, signal: TradeSignal, balances: Balances, open: readonly Order[]): MaybePromise<CycleOutcome> {
    const { settings } = this.deps;
    const { now, market } = work;
    const lastCandle = work.lastCandle as Candle;
    const equity = this.deps.account.equityAt(market.price);
    const decision = this.deps.risk.evaluate({
      now,
      state: this.deps.state(),
      signal,
      price: market.price,
      lastCandle: { openTime: lastCandle.openTime, timeframeMs: TIMEFRAME_MS[settings.primaryTimeframe] },
      filters: this.deps.filters,
      freeBase: balances.base.free,
      freeQuote: balances.quote.free,
      openOrders: open.length,
      positionQuantity: this.position?.quantity ?? '0',
      restingBuyQuantity: open.length === 0 ? '0' : restingBuyQuantity(open),
      equity,
      peakEquity: Math.max(this.deps.watermarks.peakEquity, equity),
      dayStartEquity: this.deps.watermarks.dayStartEquity || equity,
    });
    work.decision = decision;
    work.record({
      time: now,
      type: decision.decision === 'ALLOW' ? 'risk.allowed' : 'risk.blocked',
      actor: 'system',
      reason:
        decision.decision === 'ALLOW' ? `allowed ${decision.side} ${decision.quantity} @ ${decision.price}` : decision.reasons.join(','),
      // The engine's inputs already end with its outcome (reasons, or quantity/notional/shrunkBy).
      inputs: decision.inputs,
      outcome: decision.decision,
      correlationId: work.cycleId,
    });
    if (decision.decision !== 'ALLOW') return this.finish(work);
    const intent: OrderIntent = {
      clientOrderId: clientOrderIdFor(settings.symbol, settings.primaryTimeframe, lastCandle.openTime, 0),
      symbol: settings.symbol,
      side: decision.side,
      type: decision.type,
      quantity: decision.quantity,
      price: decision.type === 'LIMIT' ? decision.price : null,
      cycleId: work.cycleId,
      reason: signal.reason,
      tag: signal.tag ?? null,
    };
    // The state may have changed while this cycle was deciding (an emergency stop arriving now).
    const stateNow = this.deps.state();
    if (stateNow !== 'RUNNING') {
      work.record({
        time: now,
        type: 'risk.blocked',
        actor: 'system',
        reason: 'NOT_RUNNING',
        inputs: { reasons: ['NOT_RUNNING'], state: stateNow, note: 'state changed while the cycle was deciding' },
        outcome: 'BLOCK',
        correlationId: work.cycleId,
      });
      return this.finish(work);
    }
    return whenReady(this.submit(intent, work), () => this.finish(work));
  }

  /** 6. marks, then 5–7 in one transaction, then notifications and the drawdown stop. */
  private finish(work: CycleWork): MaybePromise<CycleOutcome> {
    const { settings, store } = this.deps;
    const { now, market, orders, fills, events, decided, lastCandle, active } = work;
    // Marks before the transaction so the snapshot sees this cycle's fills.
    const positionBefore = this.position;
    if (fills.length > 0) this.applyFills(fills, active?.strategy ?? this.deps.strategies.current().strategy);
    const equity = this.deps.account.equityAt(market.price);
    work.equity = equity;
    this.deps.watermarks.onEquity(now, equity);
    const exposure = equity > 0 ? (this.deps.account.baseTotal() * market.price) / equity : 0;
    this.deps.metrics.onEquity(now, equity, exposure);
    const replay = this.replay;
    const writeSnapshots = !replay && (decided || fills.length > 0 || this.deps.snapshotEveryCycle === true);
    const account = this.deps.risk.checkAccount({
      equity,
      peakEquity: this.deps.watermarks.peakEquity,
      dayStartEquity: this.deps.watermarks.dayStartEquity,
    });

    // 5–7. one transaction for everything this cycle wrote (a replayed cycle that changed nothing writes nothing)
    const nothingToWrite = replay && orders.length === 0 && fills.length === 0 && events.length === 0;
    try {
      if (!nothingToWrite)
        this.commit({
          now,
          cycleId: work.cycleId,
          orders,
          fills,
          events,
          decidedCandle: decided ? lastCandle : undefined,
          active,
          writeSnapshots,
          equity,
          price: market.price,
          positionBefore,
          replay,
        });
    } catch (error) {
      // Nothing was written: put memory back to what the database holds before anything else runs.
      this.setPosition(store.positions.get(settings.symbol));
      this.deps.strategies.invalidate();
      this.deps.onCommitFailed?.();
      throw error;
    }
    if (decided && lastCandle) this.lastDecidedOpenTime = lastCandle.openTime;

    this.publish(work);
    const decision = work.decision;
    if (account.emergencyStop && this.deps.state() !== 'EMERGENCY_STOP') {
      const reason = `max drawdown ${account.drawdownPct.toFixed(2)}% reached (limit ${this.deps.risk.limits.maxDrawdownPct}%)`;
      return whenReady(this.deps.emergencyStop(reason), () => work);
    }
    if (decision?.decision === 'BLOCK' && decision.emergencyStop && this.deps.state() !== 'EMERGENCY_STOP')
      return whenReady(this.deps.emergencyStop(`risk engine: ${decision.reasons.join(', ')}`), () => work);
    return work;
  }

  private commit(w: CycleWrites): void {
    const {
      now,
      cycleId,
      orders,
      fills,
      events,
      decidedCandle: lastCandle,
      active,
      writeSnapshots,
      equity,
      price,
      positionBefore,
      replay,
    } = w;
    const store = this.deps.store;
    store.transaction(() => {
      for (const order of orders) this.upsertOrder(order);
      for (const fill of fills) {
        if (!store.fills.insert(fill)) continue;
        store.audit.append({
          time: now,
          type: 'fill.recorded',
          actor: 'system',
          reason: `${fill.side} ${fill.quantity} @ ${fill.price}`,
          inputs: fill, // fills are never mutated: the event can hold the object itself
          correlationId: cycleId,
        });
      }
      if (this.position && this.position !== positionBefore) store.positions.upsert(this.position);
      if (writeSnapshots) {
        store.equity.insert({
          time: now,
          cycleId,
          equity: fixed(equity),
          quoteBalance: fixed(this.deps.account.quoteTotal()),
          baseBalance: fixed(this.deps.account.baseTotal()),
          price: String(price),
          unrealizedPnl: fixed(this.unrealized(price)),
          realizedPnl: this.position?.realizedPnl ?? '0',
        });
        store.metrics.insert(this.deps.metrics.snapshot(now, cycleId));
      }
      if (lastCandle && !replay) {
        store.config.set(LAST_DECIDED_KEY, lastCandle.openTime, 'system', now);
        const strategy = active?.strategy;
        if (strategy?.snapshot && active) store.config.set(CONFIG_KEYS.strategyState(active.name), strategy.snapshot(), 'system', now);
      }
      const checkpoint = replay ? undefined : this.deps.brokerCheckpoint?.();
      if (checkpoint !== undefined && (orders.length > 0 || fills.length > 0 || lastCandle))
        store.config.set(CONFIG_KEYS.paperAccount, checkpoint, 'system', now);
      for (const e of events) store.audit.append(e);
    });
  }

  private evaluate(strategy: StrategyHostStrategy, work: CycleWork): Signal {
    const { market, now } = work;
    const context: StrategyContext = Object.freeze({
      now,
      symbol: this.deps.settings.symbol,
      candles: market.candles,
      price: market.price,
      filters: this.deps.filters,
      baseBalance: this.deps.account.baseTotal(),
      quoteBalance: this.deps.account.quoteTotal(),
      equity: this.deps.account.equityAt(market.price),
      position: this.positionMarks,
      explainHolds: !this.replay,
    });
    try {
      return strategy.evaluate(context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      work.record({
        time: now,
        type: 'strategy.failed',
        actor: 'system',
        reason: message,
        inputs: { strategy: strategy.name },
        outcome: 'error',
        correlationId: work.cycleId,
      });
      return hold('strategy_error', { error: message });
    }
  }

  /**
   * In EMERGENCY_STOP nothing may stay open: an order that slipped past the stop's own cancellation
   * (sent by a cycle in flight, or adopted from the exchange) is cancelled here, every cycle.
   */
  private async sweepOpenOrders(work: CycleWork): Promise<void> {
    const { broker, settings } = this.deps;
    const { now } = work;
    if ((await broker.openOrders(settings.symbol)).length === 0) return;
    const report = await broker.cancelAll(settings.symbol, now);
    this.collect({ orders: report.canceled, fills: [] }, work);
    work.record({
      time: now,
      type: 'orders.canceled_in_stop',
      actor: 'system',
      reason: 'open orders found while in EMERGENCY_STOP',
      inputs: { canceled: report.canceled.map((o) => o.clientOrderId), failed: report.failed },
      outcome: report.failed.length > 0 ? 'partial' : 'ok',
    });
  }

  private submit(intent: OrderIntent, work: CycleWork): MaybePromise<void> {
    if (this.deps.store.orders.byClientId(intent.clientOrderId)) {
      // This candle's order already exists: the cycle is re-running after a crash or restart.
      work.record({
        time: work.now,
        type: 'order.duplicate_skipped',
        actor: 'system',
        reason: 'order for this cycle already exists',
        inputs: { clientOrderId: intent.clientOrderId },
        correlationId: work.cycleId,
      });
      return;
    }
    this.tags.set(intent.clientOrderId, intent.tag);
    let sent: MaybePromise<BrokerUpdate>;
    try {
      sent = this.deps.broker.submit(intent, work.tick);
    } catch (error) {
      this.submitFailed(intent, work, error);
      return;
    }
    if (isPending(sent))
      return Promise.resolve(sent).then(
        (update) => this.submitted(intent, work, update),
        (error: unknown) => this.submitFailed(intent, work, error),
      );
    this.submitted(intent, work, sent);
  }

  private submitted(intent: OrderIntent, work: CycleWork, update: BrokerUpdate): void {
    try {
      this.recordPlaced(intent, work, update);
    } catch (error) {
      // A malformed answer is a failed submit like any other: audited, and the cycle still commits.
      this.submitFailed(intent, work, error);
    }
  }

  private recordPlaced(intent: OrderIntent, work: CycleWork, update: BrokerUpdate): void {
    this.collect(update, work);
    const placed = update.orders.find((o) => o.clientOrderId === intent.clientOrderId);
    work.record({
      time: work.now,
      type: placed?.status === 'REJECTED' ? 'order.rejected' : 'order.placed',
      actor: 'system',
      reason: intent.reason,
      inputs: placedInputs(intent, this.deps.broker.mode, placed?.status ?? null),
      outcome: placed?.status ?? 'unknown',
      correlationId: work.cycleId,
    });
  }

  private submitFailed(intent: OrderIntent, work: CycleWork, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    work.record({
      time: work.now,
      type: 'order.submit_failed',
      actor: 'system',
      reason: message,
      inputs: { ...intent },
      outcome: 'error',
      correlationId: work.cycleId,
    });
  }

  private collect(update: BrokerUpdate, work: CycleWork): void {
    if (update.orders.length === 0 && update.fills.length === 0) return; // most cycles: nothing happened
    for (const o of update.orders) {
      work.upsertOrder(o);
      if (!this.tags.has(o.clientOrderId)) this.tags.set(o.clientOrderId, o.tag);
    }
    for (const f of update.fills) work.addFill(f);
  }

  /** Position accounting and strategy notification for new fills; returns realized PnL of this cycle. */
  private applyFills(fills: readonly Fill[], strategy: StrategyHostStrategy): number {
    let realized = 0;
    for (const fill of fills) {
      const result = applyFill(this.position, fill);
      this.setPosition(result.position);
      realized += Number(result.realizedPnl);
      this.deps.metrics.onFill(fill, Number(result.realizedPnl), result.closedQuantity !== '0');
      strategy.onFill?.(fill, this.tags.get(fill.clientOrderId) ?? null);
    }
    return realized;
  }

  private unrealized(price: number): number {
    // Below zero too: units sold ahead of their recorded purchase (see applyFill).
    return unrealizedPnl(this.position, price);
  }

  private upsertOrder(order: Order): void {
    const store = this.deps.store;
    if (store.orders.byClientId(order.clientOrderId)) store.orders.update(order);
    else store.orders.insert(order);
  }

  private publish(work: CycleWork): void {
    // A backtest tells nobody: no panel, no Telegram (and no message objects built for them).
    if (this.replay) return;
    const { now, orders, fills, equity, signal, decision } = work;
    const live = this.deps.liveUpdates;
    if (live) {
      live.publish({
        kind: 'cycle',
        time: now,
        data: { cycleId: work.cycleId, equity, signal: signal?.action ?? null, decision: decision?.decision ?? null },
      });
      for (const o of orders) live.publish({ kind: 'order', time: now, data: { ...o } });
      for (const f of fills) live.publish({ kind: 'fill', time: now, data: { ...f } });
    }
    // One message per order placed or rejected and per fill; risk blocks only when the account is in trouble.
    for (const o of orders) if (o.status === 'NEW' || o.status === 'REJECTED') this.deps.notifier.notify(orderNotification(o));
    for (const f of fills) this.deps.notifier.notify(fillNotification(f));
    for (const gap of work.market.gaps ?? NONE) this.deps.notifier.notify(gapNotification(this.deps.settings.symbol, gap));
    if (decision?.decision === 'BLOCK') {
      const risk = riskBlockNotification({ symbol: this.deps.settings.symbol, reasons: decision.reasons, cycleId: work.cycleId });
      if (risk) this.deps.notifier.notify(risk);
    }
  }

  private setPosition(position: Position | null): void {
    this.position = position;
    this.positionMarks = Object.freeze({ quantity: Number(position?.quantity ?? 0), avgEntryPrice: Number(position?.avgEntryPrice ?? 0) });
  }
}

type StrategyHostStrategy = ReturnType<StrategyHost['current']>['strategy'];

/** Everything one cycle writes in its transaction. */
interface CycleWrites {
  readonly now: number;
  readonly cycleId: string;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly events: readonly AuditEventInput[];
  /** The primary candle decided on, when this cycle decided. */
  readonly decidedCandle: Candle | undefined;
  readonly active: ReturnType<StrategyHost['current']> | null;
  readonly writeSnapshots: boolean;
  readonly equity: number;
  readonly price: number;
  readonly positionBefore: Position | null;
  readonly replay: boolean;
}

/**
 * The `order.placed` record: the intent's fields, the mode and the broker's answer. Written out, not
 * spread: a spread copy per order measurably slowed a year's backtest (V8 copies generically).
 */
function placedInputs(intent: OrderIntent, mode: Broker['mode'], status: Order['status'] | null) {
  return {
    clientOrderId: intent.clientOrderId,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    quantity: intent.quantity,
    price: intent.price,
    cycleId: intent.cycleId,
    reason: intent.reason,
    tag: intent.tag,
    mode,
    status,
  };
}

function fixed(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1e8) / 1e8) : '0';
}

export type { Candle };
