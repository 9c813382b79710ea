import { hold, type Signal } from '../../domain/signal.js';
import type { StrategyContext } from '../../strategy/types.js';
import type { CycleCore } from '../cycleCore.js';
import type { CycleWork } from '../cycleWork.js';

/**
 * Step 2 — the strategy, once per closed primary candle: is there a candle it has not decided on,
 * and what does it say. A throwing strategy costs its cycle (HOLD `strategy_error`, audited),
 * never the process. Returns the signal, or null when the cycle does not decide.
 */
export function decideSignal(core: CycleCore, work: CycleWork): Signal | null {
  const { lastCandle } = work;
  const { deps } = core;
  // A replay in EMERGENCY_STOP can never trade again (nobody resumes a backtest): it only marks to market.
  const stoppedReplay = core.replay && deps.state() === 'EMERGENCY_STOP';
  work.decided = !stoppedReplay && lastCandle !== undefined && lastCandle.openTime > core.lastDecidedOpenTime;
  if (!work.decided) return null;
  const active = deps.strategies.current();
  work.active = active;
  const signal = evaluate(core, work);
  work.signal = signal;
  if (signal.action !== 'HOLD' || !core.replay) {
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
  return signal;
}

function evaluate(core: CycleCore, work: CycleWork): Signal {
  const { market, now } = work;
  const { deps } = core;
  const strategy = (work.active as NonNullable<CycleWork['active']>).strategy;
  const context: StrategyContext = Object.freeze({
    now,
    symbol: deps.settings.symbol,
    candles: market.candles,
    price: market.price,
    filters: deps.filters,
    baseBalance: deps.account.baseTotal(),
    quoteBalance: deps.account.quoteTotal(),
    equity: deps.account.equityAt(market.price),
    position: core.positionMarks,
    explainHolds: !core.replay,
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
