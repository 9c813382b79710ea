import type { AdvisorRunResult, SystemStatus } from '@warden/core/app/services';
import type { PortfolioOutcome } from '@warden/core/cycle/portfolioCycle';
import type { CycleOutcome } from '@warden/core/cycle/tradingCycle';
import type { Order } from '@warden/core/domain/orders';
import { isOpenStatus } from '@warden/core/domain/orders';
import { TRADING_STATES } from '@warden/core/state/tradingState';
import type { SqliteStore } from '@warden/storage/openStore';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ExchangeErrorKind } from './exchangeErrorKind.js';

/** What the gauges read at scrape time. */
export interface MetricsSources {
  readonly store: SqliteStore;
  /** The traded pairs (TRADING_SYMBOLS), all quoted in one asset. */
  readonly symbols: readonly string[];
  readonly status: () => Pick<SystemStatus, 'state' | 'schedulerRunning' | 'lastCycleAt'>;
  /** X-MBX-USED-WEIGHT-1M as Binance last reported it (0 once that minute is over). */
  readonly weightUsed: () => number;
  /** The trading stack is connected and no exchange outage is going on. */
  readonly exchangeUp: () => boolean;
}

/** Cycle durations from sub-millisecond paper cycles to exchange round trips with retries (seconds). */
const CYCLE_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Pending approvals are counted from one page of the store (a backlog beyond it shows as this many). */
const PENDING_PAGE = 500;

/**
 * Warden's Prometheus metrics (prom-client), served at `GET /metrics`. Counters count what this
 * process saw since it started (Prometheus' `rate()`/`increase()` handle restarts); gauges read the
 * store and the runtime when scraped, so they are right even for what happened before the start.
 * The README's "Metrics" section lists every series.
 */
export class WardenMetrics {
  readonly registry = new Registry();
  readonly contentType: string;
  private readonly symbols: readonly string[];
  private readonly cycles: Counter<'symbol' | 'outcome'>;
  private readonly cycleSeconds: Histogram;
  private readonly orders: Counter<'symbol' | 'side' | 'status'>;
  private readonly fills: Counter<'symbol' | 'side' | 'liquidity'>;
  private readonly decisions: Counter<'symbol' | 'decision'>;
  private readonly exchangeErrors: Counter<'kind'>;
  private readonly advisorRuns: Counter<'source' | 'outcome'>;
  /** The status each live order was last counted with, so each change is counted once. */
  private readonly orderStatus = new Map<string, Order['status']>();

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.contentType = this.registry.contentType;
    collectDefaultMetrics({ register: this.registry });
    const { store, symbols } = sources;
    this.symbols = symbols;
    const quote = (symbols[0] ?? '/').split('/')[1] as string;

    new Gauge({
      name: 'warden_equity',
      help: `Account equity in ${quote} at the last cycle (latest equity snapshot)`,
      labelNames: ['currency'],
      registers,
      collect() {
        const latest = store.equity.latest();
        if (latest) this.set({ currency: quote }, Number(latest.equity));
      },
    });
    new Gauge({
      name: 'warden_position',
      help: 'Position held per pair, in its base asset',
      labelNames: ['symbol'],
      registers,
      collect() {
        for (const symbol of symbols) this.set({ symbol }, Number(store.positions.get(symbol)?.quantity ?? 0));
      },
    });
    new Gauge({
      name: 'warden_open_orders',
      help: 'Orders resting or not yet confirmed on the exchange (or the paper book)',
      labelNames: ['symbol'],
      registers,
      collect() {
        for (const symbol of symbols) this.set({ symbol }, store.orders.open(symbol).length);
      },
    });
    new Gauge({
      name: 'warden_trading_state',
      help: 'The trading state: 1 for the current one, 0 for the others',
      labelNames: ['state'],
      registers,
      collect() {
        const current = sources.status().state;
        for (const state of TRADING_STATES) this.set({ state }, state === current ? 1 : 0);
      },
    });
    new Gauge({
      name: 'warden_scheduler_running',
      help: '1 while the scheduler runs cycles',
      registers,
      collect() {
        this.set(sources.status().schedulerRunning ? 1 : 0);
      },
    });
    new Gauge({
      name: 'warden_last_cycle_timestamp_seconds',
      help: "When the last cycle ran, on the bot's (exchange-corrected) clock, in Unix seconds",
      registers,
      collect() {
        const at = sources.status().lastCycleAt;
        if (at !== null) this.set(at / 1000);
      },
    });
    new Gauge({
      name: 'warden_pending_approvals',
      help: `Advisor proposals waiting for a human decision (counted up to ${PENDING_PAGE})`,
      registers,
      collect() {
        this.set(store.approvals.list({ status: 'PENDING' }, { limit: PENDING_PAGE }).items.length);
      },
    });
    new Gauge({
      name: 'warden_exchange_up',
      help: '1 when the exchange answers and the trading stack is connected, 0 during an outage',
      registers,
      collect() {
        this.set(sources.exchangeUp() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'warden_exchange_weight_used',
      help: 'Request weight used in the current minute, as Binance reports it (X-MBX-USED-WEIGHT-1M)',
      registers,
      collect() {
        this.set(sources.weightUsed());
      },
    });

    this.cycles = new Counter({
      name: 'warden_cycles_total',
      help: "Each pair's trading cycles by outcome: decided (a new candle was decided on), synced (nothing new to decide), failed",
      labelNames: ['symbol', 'outcome'],
      registers,
    });
    this.cycleSeconds = new Histogram({
      name: 'warden_cycle_duration_seconds',
      help: 'Duration of each scheduler tick (every pair in turn), failed ones included',
      buckets: CYCLE_BUCKETS,
      registers,
    });
    this.orders = new Counter({
      name: 'warden_orders_total',
      help: 'Order status changes written by cycles, per pair, by the status reached (NEW, FILLED, CANCELED, REJECTED...)',
      labelNames: ['symbol', 'side', 'status'],
      registers,
    });
    this.fills = new Counter({
      name: 'warden_fills_total',
      help: 'Fills recorded by cycles, per pair',
      labelNames: ['symbol', 'side', 'liquidity'],
      registers,
    });
    this.decisions = new Counter({
      name: 'warden_risk_decisions_total',
      help: 'Risk engine decisions on BUY/SELL signals, per pair: ALLOW or BLOCK',
      labelNames: ['symbol', 'decision'],
      registers,
    });
    this.exchangeErrors = new Counter({
      name: 'warden_exchange_request_errors_total',
      help: 'Failed exchange requests (each attempt, retries included) by kind',
      labelNames: ['kind'],
      registers,
    });
    this.advisorRuns = new Counter({
      name: 'warden_advisor_runs_total',
      help: 'Advisor runs by source (llm, rules) and outcome (proposed, nothing, failed)',
      labelNames: ['source', 'outcome'],
      registers,
    });
  }

  /**
   * One tick of every pair, after `seconds`: each pair's outcome is counted under its `symbol` (a
   * pair whose cycle failed counts as failed); a tick that failed as a whole (null) counts as failed
   * for every pair.
   */
  cycle(seconds: number, outcome: PortfolioOutcome | null): void {
    this.cycleSeconds.observe(seconds);
    if (!outcome) {
      for (const symbol of this.symbols) this.cycles.inc({ symbol, outcome: 'failed' });
      return;
    }
    for (const pair of outcome.pairs) this.pairCycle(pair.symbol, pair.outcome);
  }

  private pairCycle(symbol: string, outcome: CycleOutcome | null): void {
    if (!outcome) {
      this.cycles.inc({ symbol, outcome: 'failed' });
      return;
    }
    this.cycles.inc({ symbol, outcome: outcome.decided ? 'decided' : 'synced' });
    if (outcome.decision) this.decisions.inc({ symbol, decision: outcome.decision.decision });
    for (const order of outcome.orders) {
      if (this.orderStatus.get(order.clientOrderId) === order.status) continue;
      this.orders.inc({ symbol: order.symbol, side: order.side, status: order.status });
      if (isOpenStatus(order.status)) this.orderStatus.set(order.clientOrderId, order.status);
      else this.orderStatus.delete(order.clientOrderId);
    }
    for (const fill of outcome.fills) this.fills.inc({ symbol: fill.symbol, side: fill.side, liquidity: fill.liquidity });
  }

  exchangeError(kind: ExchangeErrorKind): void {
    this.exchangeErrors.inc({ kind });
  }

  /**
   * An advisor run ended with `result`, or failed (null). A run over several pairs whose sources
   * differ (the model for one, the fallback rules for another) counts once as e.g. `llm+rules`.
   */
  advisorRun(result: AdvisorRunResult | null): void {
    if (!result) {
      this.advisorRuns.inc({ source: 'unknown', outcome: 'failed' });
      return;
    }
    const kinds = [...new Set(result.source.split(', ').map((s) => s.split(':')[0] ?? s))].filter((k) => k !== '').sort();
    this.advisorRuns.inc({ source: kinds.join('+') || 'unknown', outcome: result.saved.length > 0 ? 'proposed' : 'nothing' });
  }

  /** The exposition text for a scrape. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
