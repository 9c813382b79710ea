import { lastClosedOpenTime } from '../data/timeframeMath.js';
import type { Order } from '../domain/orders.js';
import { InsufficientDataError, UnavailableError, ValidationError } from '../errors/errors.js';
import { stateChangeNotification } from '../notifications/systemMessages.js';
import { pairStore } from '../portfolio/pairStore.js';
import type { Broker, CancelReport } from '../ports/broker.js';
import type { Clock } from '../ports/clock.js';
import type { Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import { effectivePairState, nextPairState, PAIR_STATE_KEY, type PairCommand, readPairState } from '../state/pairState.js';
import { nextState, type TradingState, type TransitionCommand } from '../state/tradingState.js';
import { actorInputs } from './actorInputs.js';
import { CONFIG_KEYS } from './configKeys.js';
import type { LiveUpdates } from './liveUpdates.js';
import type { ActorRef, ControlService, PairTransitionResult, SystemStatus, TimeframeReadiness, TransitionResult } from './services.js';

/**
 * What the control service needs from the running system (the runtime wires these).
 *
 * `status()` caches what `readiness()` and `describe()` return (and the stored trading state) until
 * the store's `dataVersion` changes or a candle of a readiness timeframe closes, so both must be
 * functions of the store's content and the clock alone; anything else that changes them must call
 * `ControlServiceImpl.invalidateStatus()`. `scheduler.isRunning` and `cycleInfo()` are read afresh
 * on every call.
 */
export interface ControlRuntime {
  readonly scheduler: { readonly isRunning: boolean; start(): void; stop(): Promise<void> };
  readiness(): TimeframeReadiness[];
  /**
   * Problems that stop the active strategy from trading (e.g. capital too small for a grid).
   * Throws an UnavailableError when it cannot tell yet (the exchange is not connected).
   */
  preflight(): Promise<string[]>;
  cycleInfo(): { lastCycleAt: number | null; lastCycleId: string | null; cycleCount: number; lastError: string | null };
  /** Writes the broker's restorable state (paper account) after it changed outside a cycle. */
  checkpoint?(): void;
  describe(): {
    mode: SystemStatus['mode'];
    symbol: string;
    strategy: string;
    /** Every traded pair with its strategy (absent: `symbol` alone). */
    pairs?: ReadonlyArray<{ readonly symbol: string; readonly strategy: string }>;
    timeframes: SystemStatus['timeframes'];
    version: string;
    startedAt: number;
    requireDataReady: boolean;
  };
}

const STATE_EVENT: Record<TransitionCommand, string> = {
  pause: 'state.paused',
  resume: 'state.resumed',
  emergency_stop: 'state.emergency_stop',
  manual_resume: 'state.manual_resume',
};

export function readTradingState(store: Store): TradingState {
  return store.config.get<TradingState>(CONFIG_KEYS.tradingState) ?? 'RUNNING';
}

/** The part of a status read that costs database reads, with what it was derived from. */
interface StoredStatus {
  readonly dataVersion: string;
  /** Open time of the last closed bar of each readiness timeframe when it was read. */
  readonly lastClosed: readonly number[];
  readonly state: TradingState;
  readonly describe: ReturnType<ControlRuntime['describe']>;
  readonly readiness: readonly TimeframeReadiness[];
}

/** The one implementation of every control action; HTTP, Telegram and the risk engine all call it. */
export class ControlServiceImpl implements ControlService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly broker: Broker,
    private readonly runtime: ControlRuntime,
    private readonly liveUpdates: LiveUpdates,
    private readonly notifier: Notifier,
  ) {}

  private stored: StoredStatus | null = null;

  state(): TradingState {
    return readTradingState(this.store);
  }

  /**
   * The status as every client shows it. Polled by the panel, Telegram and monitors, so what it
   * reads from the database (trading state, active strategy, readiness) is kept until the store
   * reports a write or another process's commit (`Store.dataVersion`), or a candle of a readiness
   * timeframe closes; a change is therefore visible on the very next read.
   */
  status(): SystemStatus {
    const { state, describe: d, readiness } = this.storedStatus();
    return {
      state,
      schedulerRunning: this.runtime.scheduler.isRunning,
      mode: d.mode,
      symbol: d.symbol,
      strategy: d.strategy,
      pairs: pairsOf(d).map((p) => {
        const paused = readPairState(pairStore(this.store, p.symbol).config) === 'PAUSED';
        return {
          symbol: p.symbol,
          strategy: p.strategy,
          state: effectivePairState(state, paused ? 'PAUSED' : 'RUNNING'),
          paused,
          dataReady: readiness.every((r) => r.ready || (r.symbol !== undefined && r.symbol !== p.symbol)),
        };
      }),
      timeframes: d.timeframes,
      dataReady: readiness.every((r) => r.ready),
      dataReadiness: readiness,
      ...this.runtime.cycleInfo(),
      version: d.version,
      startedAt: d.startedAt,
      serverTime: this.clock.now(),
    };
  }

  /** Drops the cached part of `status()`; for a runtime whose readiness or description changed outside the store. */
  invalidateStatus(): void {
    this.stored = null;
  }

  private storedStatus(): StoredStatus {
    // Both are read before the data they guard: a write or a candle close that happens in between
    // makes the next read recompute instead of keeping a stale answer.
    const dataVersion = this.store.dataVersion?.() ?? null;
    const now = this.clock.now();
    const cached = this.stored;
    if (
      cached !== null &&
      dataVersion !== null &&
      cached.dataVersion === dataVersion &&
      cached.readiness.every((r, i) => lastClosedOpenTime(now, r.timeframe) === cached.lastClosed[i])
    )
      return cached;
    const readiness = this.runtime.readiness();
    const fresh: StoredStatus = {
      dataVersion: dataVersion ?? '',
      lastClosed: readiness.map((r) => lastClosedOpenTime(now, r.timeframe)),
      state: this.state(),
      describe: this.runtime.describe(),
      readiness,
    };
    this.stored = dataVersion === null ? null : fresh;
    return fresh;
  }

  async transition(command: TransitionCommand, actor: ActorRef, reason: string): Promise<TransitionResult> {
    const from = this.state();
    const to = nextState(from, { command, actorRole: actor.role, reason });
    const now = this.clock.now();
    // An emergency stop is written first, so a cycle running while the orders are being cancelled
    // already sees EMERGENCY_STOP and sends nothing new; then the resting orders are cancelled, and
    // a cycle in EMERGENCY_STOP cancels anything that still shows up open (see TradingCycle).
    if (command === 'emergency_stop') this.store.config.set(CONFIG_KEYS.tradingState, to, actor.id, now);
    const cancellation: CancelReport | undefined = command === 'emergency_stop' ? await this.cancelEveryPair(now) : undefined;
    this.store.transaction(() => {
      this.store.config.set(CONFIG_KEYS.tradingState, to, actor.id, now);
      for (const order of cancellation?.canceled ?? []) this.upsertOrder(order);
      // The paper account's checkpoint must match the cancellation, or a later rewind would revive the orders.
      if (cancellation) this.runtime.checkpoint?.();
      this.store.audit.append({
        time: now,
        type: STATE_EVENT[command],
        actor: actor.id,
        reason: reason || command,
        inputs: {
          from,
          to,
          command,
          role: actor.role,
          ...actorInputs(actor),
          ...(cancellation ? { canceled: cancellation.canceled.map((o) => o.clientOrderId), cancelFailed: cancellation.failed } : {}),
        },
        outcome: cancellation && cancellation.failed.length > 0 ? 'partial' : 'ok',
      });
    });
    this.liveUpdates.publish({ kind: 'state', time: now, data: { from, to, actor: actor.id, reason } });
    this.notifier.notify(
      stateChangeNotification({ from, to, command, actor: actor.id, reason, ...(cancellation ? { cancellation } : {}) }),
    );
    return cancellation ? { from, to, cancellation } : { from, to };
  }

  /** An emergency stop cancels the resting orders of every pair: the stop is the account's. */
  private async cancelEveryPair(now: number): Promise<CancelReport> {
    const canceled: Order[] = [];
    const failed: Array<{ clientOrderId: string; error: string }> = [];
    for (const { symbol } of pairsOf(this.runtime.describe())) {
      const report = await this.broker.cancelAll(symbol, now);
      canceled.push(...report.canceled);
      failed.push(...report.failed);
    }
    return { canceled, failed };
  }

  async setPairState(symbol: string, command: PairCommand, actor: ActorRef, reason: string): Promise<PairTransitionResult> {
    const pairs = pairsOf(this.runtime.describe());
    if (!pairs.some((p) => p.symbol === symbol))
      throw new ValidationError(`${symbol} is not one of the traded pairs (${pairs.map((p) => p.symbol).join(', ')})`, 'symbol');
    const scoped = pairStore(this.store, symbol);
    const from = readPairState(scoped.config);
    const account = this.state();
    const to = nextPairState(from, account, command, actor.role);
    const now = this.clock.now();
    this.store.transaction(() => {
      scoped.config.set(PAIR_STATE_KEY, to, actor.id, now);
      this.store.audit.append({
        time: now,
        type: command === 'pause' ? 'state.pair_paused' : 'state.pair_resumed',
        actor: actor.id,
        reason: reason || `${command} ${symbol}`,
        inputs: { symbol, from, to, accountState: account, role: actor.role, ...actorInputs(actor) },
        outcome: 'ok',
      });
    });
    this.liveUpdates.publish({ kind: 'state', time: now, data: { symbol, from, to, actor: actor.id, reason } });
    this.notifier.notify({
      type: 'state',
      title: `${symbol} ${to === 'PAUSED' ? 'paused' : 'resumed'}`,
      lines: [
        `By ${actor.id}${reason ? `: ${reason}` : ''}`,
        to === 'PAUSED' ? 'The other pairs keep trading.' : `It trades again while the account is ${account}.`,
      ],
      data: { symbol, from, to },
    });
    return { symbol, from, to };
  }

  async startScheduler(actor: ActorRef): Promise<void> {
    const now = this.clock.now();
    const d = this.runtime.describe();
    if (this.runtime.scheduler.isRunning) return;
    const short = this.runtime.readiness().filter((r) => !r.ready);
    if (d.requireDataReady && short.length > 0) {
      const detail = short
        .map((r) => `${r.timeframe} has ${r.available} of ${r.required} closed candles (needs ${r.required - r.available} more)`)
        .join('; ');
      this.store.audit.append({
        time: now,
        type: 'scheduler.start_refused',
        actor: actor.id,
        reason: 'data not ready',
        inputs: { short, ...actorInputs(actor) },
        outcome: 'refused',
      });
      throw new InsufficientDataError(`scheduler not started: warm-up incomplete (TRADING_REQUIRE_DATA_READY=true): ${detail}`, { short });
    }
    let problems: string[];
    try {
      problems = await this.runtime.preflight();
    } catch (error) {
      // The exchange is not reachable yet: a wait, not a bad request; audited like the other refusals.
      if (error instanceof UnavailableError)
        this.store.audit.append({
          time: now,
          type: 'scheduler.start_refused',
          actor: actor.id,
          reason: error.message,
          inputs: { code: error.code, retryAfterMs: error.retryAfterMs },
          outcome: 'refused',
        });
      throw error;
    }
    if (problems.length > 0) {
      this.store.audit.append({
        time: now,
        type: 'scheduler.start_refused',
        actor: actor.id,
        reason: 'strategy preflight failed',
        inputs: { problems, ...actorInputs(actor) },
        outcome: 'refused',
      });
      throw new ValidationError(`scheduler not started: ${problems.join('; ')}`, 'TRADING_ACTIVE_STRATEGY', { problems });
    }
    this.runtime.scheduler.start();
    this.store.audit.append({
      time: now,
      type: 'scheduler.started',
      actor: actor.id,
      reason: 'scheduler started',
      inputs: { readiness: this.runtime.readiness(), ...actorInputs(actor) },
    });
    this.liveUpdates.publish({ kind: 'scheduler', time: now, data: { running: true, actor: actor.id } });
  }

  async stopScheduler(actor: ActorRef): Promise<void> {
    if (!this.runtime.scheduler.isRunning) return;
    await this.runtime.scheduler.stop();
    const now = this.clock.now();
    this.store.audit.append({
      time: now,
      type: 'scheduler.stopped',
      actor: actor.id,
      reason: 'scheduler stopped',
      ...(actor.from ? { inputs: actorInputs(actor) } : {}),
    });
    this.liveUpdates.publish({ kind: 'scheduler', time: now, data: { running: false, actor: actor.id } });
  }

  private upsertOrder(order: Order): void {
    if (this.store.orders.byClientId(order.clientOrderId)) this.store.orders.update(order);
    else this.store.orders.insert(order);
  }
}

/** The traded pairs a runtime describes (one pair when it names only `symbol`). */
function pairsOf(d: ReturnType<ControlRuntime['describe']>): ReadonlyArray<{ readonly symbol: string; readonly strategy: string }> {
  return d.pairs ?? [{ symbol: d.symbol, strategy: d.strategy }];
}
