import type { OrderIntent } from '../domain/orders.js';
import type { TradeSignal } from '../domain/signal.js';
import type { Balances, BrokerUpdate } from '../ports/broker.js';
import { isPending, type MaybePromise, whenReady } from '../ports/maybePromise.js';
import { CycleCore } from './cycleCore.js';
import type { CycleDeps, CycleOutcome } from './cycleDeps.js';
import type { CycleWork } from './cycleWork.js';
import type { MarketSnapshot } from './marketFeed.js';
import { publish, writeEvents } from './steps/auditAndNotify.js';
import { assessSignal } from './steps/checkRisk.js';
import { submitIntent, sweepOpenOrders } from './steps/execute.js';
import { recordGaps, startWork } from './steps/loadMarket.js';
import { applyFills, type CycleWrites, writeTrades } from './steps/persistTrades.js';
import { decideSignal } from './steps/runStrategy.js';
import { writeSnapshots } from './steps/writeSnapshots.js';

export type { AccountMarks, CycleDeps, CycleOutcome } from './cycleDeps.js';

/**
 * One trading cycle for one pair, the same in backtest, paper and live (the seed's section 3), in
 * seven steps, each in its own file under `steps/`:
 * 1 load candles (`loadMarket`) → 2 strategy (`runStrategy`) → 3 risk (`checkRisk`) → 4 broker
 * (`execute`) → 5 orders, fills, position (`persistTrades`) → 6 equity and metrics snapshots
 * (`writeSnapshots`) → 7 audit events and notifications (`auditAndNotify`). Steps 5–7 are one
 * transaction. The strategy decides once per closed primary candle; cycles in between only collect
 * fills of resting orders and mark the account to market.
 *
 * This class only chains the steps, through explicit branches: with a replayed feed and the paper
 * broker every port answers at once and the whole cycle runs synchronously (a backtest's year of 1m
 * candles makes no promise, and no closure, per candle); with the exchange the same steps wait.
 */
export class TradingCycle {
  readonly #core: CycleCore;

  constructor(deps: CycleDeps) {
    this.#core = new CycleCore(deps);
  }

  /** The pair this cycle trades. */
  get symbol(): string {
    return this.#core.deps.settings.symbol;
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
    // 1. market data
    const market = this.#core.deps.feed.snapshot(now);
    return isPending(market) ? Promise.resolve(market).then((m) => this.#catchUp(now, m)) : this.#catchUp(now, market);
  }

  /** 1. (cont.) The broker catches up with the market: resting orders the price crossed fill now. */
  #catchUp(now: number, market: MarketSnapshot): MaybePromise<CycleOutcome> {
    const work = startWork(this.#core, now, market);
    const synced = this.#core.deps.broker.sync(work.tick);
    return isPending(synced) ? Promise.resolve(synced).then((u) => this.#afterCatchUp(work, u)) : this.#afterCatchUp(work, synced);
  }

  #afterCatchUp(work: CycleWork, synced: BrokerUpdate): MaybePromise<CycleOutcome> {
    const core = this.#core;
    core.collect(synced, work);
    recordGaps(core, work);
    if (!core.replay && core.deps.state() === 'EMERGENCY_STOP') return sweepOpenOrders(core, work).then(() => this.#decide(work));
    return this.#decide(work);
  }

  /** 2. The strategy; a trade signal goes on to the risk engine with the balances and open orders. */
  #decide(work: CycleWork): MaybePromise<CycleOutcome> {
    const signal = decideSignal(this.#core, work);
    if (signal === null || signal.action === 'HOLD') return this.#finish(work);
    const { broker, settings } = this.#core.deps;
    return whenReady(broker.balances(), (balances) =>
      whenReady(broker.openOrders(settings.symbol), (open) => this.#assess(work, signal, balances, open)),
    );
  }

  /** 3. Risk, then 4. the broker for what it allowed. */
  #assess(work: CycleWork, signal: TradeSignal, balances: Balances, open: Parameters<typeof assessSignal>[4]): MaybePromise<CycleOutcome> {
    const intent: OrderIntent | null = assessSignal(this.#core, work, signal, balances, open);
    if (intent === null) return this.#finish(work);
    return whenReady(submitIntent(this.#core, intent, work), () => this.#finish(work));
  }

  /** 6. Marks, then 5–7 in one transaction, then notifications and the drawdown stop. */
  #finish(work: CycleWork): MaybePromise<CycleOutcome> {
    const core = this.#core;
    const { deps } = core;
    const { now, market, orders, fills, events, decided, lastCandle, active } = work;
    // Marks before the transaction so the snapshot sees this cycle's fills.
    const positionBefore = core.position;
    if (fills.length > 0) applyFills(core, fills, active?.strategy ?? deps.strategies.current().strategy);
    const equity = deps.account.equityAt(market.price);
    work.equity = equity;
    deps.watermarks.onEquity(now, equity);
    const exposure = equity > 0 ? (deps.account.baseTotal() * market.price) / equity : 0;
    deps.metrics.onEquity(now, equity, exposure);
    const replay = core.replay;
    const account = deps.risk.checkAccount({
      equity,
      peakEquity: deps.watermarks.peakEquity,
      dayStartEquity: deps.watermarks.dayStartEquity,
    });

    // 5–7. one transaction for everything this cycle wrote (a replayed cycle that changed nothing writes nothing)
    if (!(replay && orders.length === 0 && fills.length === 0 && events.length === 0)) {
      const writes: CycleWrites = {
        now,
        cycleId: work.cycleId,
        orders,
        fills,
        events,
        decidedCandle: decided ? lastCandle : undefined,
        active,
        writeSnapshots: !replay && (decided || fills.length > 0 || deps.snapshotEveryCycle === true),
        equity,
        price: market.price,
        positionBefore,
        replay,
      };
      try {
        deps.store.transaction(() => {
          writeTrades(core, writes);
          writeSnapshots(core, writes);
          writeEvents(core, writes);
        });
      } catch (error) {
        // Nothing was written: put memory back to what the database holds before anything else runs.
        core.setPosition(deps.store.positions.get(deps.settings.symbol));
        deps.strategies.invalidate();
        deps.onCommitFailed?.();
        throw error;
      }
    }
    if (decided && lastCandle) core.lastDecidedOpenTime = lastCandle.openTime;

    publish(core, work);
    const decision = work.decision;
    if (account.emergencyStop && deps.state() !== 'EMERGENCY_STOP') {
      const reason = `max drawdown ${account.drawdownPct.toFixed(2)}% reached (limit ${deps.risk.limits.maxDrawdownPct}%)`;
      return whenReady(deps.emergencyStop(reason), () => work);
    }
    if (decision?.decision === 'BLOCK' && decision.emergencyStop && deps.state() !== 'EMERGENCY_STOP')
      return whenReady(deps.emergencyStop(`risk engine: ${decision.reasons.join(', ')}`), () => work);
    return work;
  }
}
