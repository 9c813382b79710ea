import { CONFIG_KEYS } from '../../app/configKeys.js';
import { unrealizedPnl } from '../../portfolio/position.js';
import { type CycleCore, LAST_DECIDED_KEY } from '../cycleCore.js';
import type { CycleWrites } from './persistTrades.js';

/**
 * Step 6, in the transaction: the equity and metrics snapshots (every cycle in paper and live, none
 * in a backtest, which keeps its own curve), and what a restart continues from — the candle last
 * decided on, the strategy's state and the paper account.
 */
export function writeSnapshots(core: CycleCore, w: CycleWrites): void {
  const { store, account, metrics } = core.deps;
  if (w.writeSnapshots) {
    const symbol = core.deps.settings.symbol;
    store.equity.insert({
      time: w.now,
      cycleId: w.cycleId,
      symbol,
      equity: fixed(w.equity),
      quoteBalance: fixed(account.quoteTotal()),
      baseBalance: fixed(account.baseTotal()),
      price: String(w.price),
      // Below zero too: units sold ahead of their recorded purchase (see applyFill).
      unrealizedPnl: fixed(unrealizedPnl(core.position, w.price)),
      realizedPnl: core.position?.realizedPnl ?? '0',
    });
    store.metrics.insert({ ...metrics.snapshot(w.now, w.cycleId), symbol });
  }
  const decided = w.decidedCandle;
  if (decided && !w.replay) {
    store.config.set(LAST_DECIDED_KEY, decided.openTime, 'system', w.now);
    const strategy = w.active?.strategy;
    if (strategy?.snapshot && w.active) store.config.set(CONFIG_KEYS.strategyState(w.active.name), strategy.snapshot(), 'system', w.now);
  }
  const checkpoint = w.replay ? undefined : core.deps.brokerCheckpoint?.();
  if (checkpoint !== undefined && (w.orders.length > 0 || w.fills.length > 0 || decided))
    store.config.set(CONFIG_KEYS.paperAccount, checkpoint, 'system', w.now);
}

function fixed(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1e8) / 1e8) : '0';
}
