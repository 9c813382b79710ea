import { fillNotification, gapNotification, orderNotification, riskBlockNotification } from '../../notifications/tradeMessages.js';
import type { CycleCore } from '../cycleCore.js';
import { type CycleWork, NONE } from '../cycleWork.js';
import type { CycleWrites } from './persistTrades.js';

/** Step 7, in the transaction: the cycle's audit events, after its trades and snapshots. */
export function writeEvents(core: CycleCore, w: CycleWrites): void {
  const audit = core.deps.store.audit;
  for (const e of w.events) audit.append(e);
}

/**
 * Step 7, after the commit: the panel's live stream and the notifications (one per order placed or
 * rejected, per fill and per data gap; risk blocks only when the account is in trouble). A backtest
 * tells nobody, and builds no message objects for nobody.
 */
export function publish(core: CycleCore, work: CycleWork): void {
  if (core.replay) return;
  const { deps } = core;
  const { now, orders, fills, equity, signal, decision } = work;
  const live = deps.liveUpdates;
  if (live) {
    live.publish({
      kind: 'cycle',
      time: now,
      data: {
        cycleId: work.cycleId,
        symbol: deps.settings.symbol,
        equity,
        signal: signal?.action ?? null,
        decision: decision?.decision ?? null,
      },
    });
    for (const o of orders) live.publish({ kind: 'order', time: now, data: { ...o } });
    for (const f of fills) live.publish({ kind: 'fill', time: now, data: { ...f } });
  }
  for (const o of orders) if (o.status === 'NEW' || o.status === 'REJECTED') deps.notifier.notify(orderNotification(o));
  for (const f of fills) deps.notifier.notify(fillNotification(f));
  for (const gap of work.market.gaps ?? NONE) deps.notifier.notify(gapNotification(deps.settings.symbol, gap));
  if (decision?.decision === 'BLOCK') {
    const risk = riskBlockNotification({ symbol: deps.settings.symbol, reasons: decision.reasons, cycleId: work.cycleId });
    if (risk) deps.notifier.notify(risk);
  }
}
