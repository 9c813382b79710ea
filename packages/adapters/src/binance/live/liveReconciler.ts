import type { SymbolFilters } from '@warden/core/domain/market';
import { applyBrokerUpdate } from '@warden/core/live/applyBrokerUpdate';
import { type BalanceComparison, baselineFrom, compareBaseBalance, expectedBase } from '@warden/core/live/balanceCheck';
import { matchOpenOrders, type UnknownOrderPolicy } from '@warden/core/live/unknownOrderPolicy';
import { dec, decStr } from '@warden/core/money/decimal';
import type { Store } from '@warden/core/ports/store';
import type { LiveBroker, LiveLogger } from './liveBroker.js';
import { adoptedOrder } from './wireOrders.js';

export const BASELINE_KEY = 'live.base_baseline';

export interface ReconcilerDeps {
  readonly broker: LiveBroker;
  readonly store: Store;
  readonly filters: SymbolFilters;
  readonly now: () => number;
  readonly policy: UnknownOrderPolicy;
  readonly tolerancePct: number;
  readonly log: LiveLogger;
  readonly alert?: (title: string, lines: readonly string[]) => void;
}

export interface ReconcileReport {
  readonly ordersUpdated: number;
  readonly fillsApplied: number;
  readonly foreign: readonly string[];
  readonly balance: BalanceComparison | null;
}

/**
 * Makes the database and the exchange agree. On start (before any cycle runs) it resolves every open
 * or unknown journal entry and applies fills missed while down, once each (trade ids are unique).
 * Then, on start and every LIVE_RECONCILE_SECONDS, it looks for orders the exchange has and we do not
 * (report, adopt or cancel per LIVE_UNKNOWN_ORDER_POLICY) and compares the base balance with the
 * position; beyond LIVE_BALANCE_TOLERANCE_PCT trading pauses with an alert.
 */
export class LiveReconciler {
  private pause: ((reason: string) => Promise<void>) | null = null;

  constructor(private readonly d: ReconcilerDeps) {}

  /** Pauses trading through the control service (audited there); set once the control service exists. */
  setPause(pause: (reason: string) => Promise<void>): void {
    this.pause = pause;
  }

  /** Start-up: resolve the journal and apply missed fills directly (no cycle holds the position yet). */
  async reconcileJournal(): Promise<{ ordersUpdated: number; fillsApplied: number }> {
    const { broker, store, filters } = this.d;
    const update = await broker.refresh(store.orders.open(filters.symbol));
    const first = applyBrokerUpdate(store, update, this.d.now(), 'system', 'reconcile');
    const missed = await broker.missedFills();
    const second = applyBrokerUpdate(store, { orders: [], fills: missed }, this.d.now(), 'system', 'reconcile');
    const fillsApplied = first.fills.length + second.fills.length;
    store.audit.append({
      time: this.d.now(),
      type: 'live.reconciled',
      actor: 'system',
      reason: 'start-up reconciliation',
      inputs: { ordersUpdated: update.orders.length, fillsApplied },
    });
    if (fillsApplied > 0 || update.orders.length > 0)
      this.d.log.info({ ordersUpdated: update.orders.length, fillsApplied }, 'start-up reconciliation applied changes from the exchange');
    return { ordersUpdated: update.orders.length, fillsApplied };
  }

  /** Periodic: foreign orders, fills the cycle has not seen (handed to it), and the balance check. */
  async reconcile(): Promise<ReconcileReport> {
    const { broker, store, filters } = this.d;
    const now = this.d.now();
    const exchangeOpen = await broker.exchangeOpenOrders();
    const { foreign } = matchOpenOrders(
      store.orders.open(filters.symbol),
      exchangeOpen.map((w) => ({ clientOrderId: w.clientOrderId, exchangeOrderId: w.orderId, symbol: filters.symbol })),
    );
    for (const f of foreign) {
      const wire = exchangeOpen.find((w) => w.clientOrderId === f.clientOrderId);
      if (!wire) continue;
      let outcome: string = this.d.policy;
      if (this.d.policy === 'adopt' && !store.orders.byClientId(f.clientOrderId))
        store.orders.insert(adoptedOrder(wire, filters.symbol, now));
      if (this.d.policy === 'cancel') {
        outcome = await broker.cancelForeign(f.clientOrderId).then(
          () => 'canceled',
          (error: unknown) => `cancel failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      store.audit.append({
        time: now,
        type: 'live.unknown_order',
        actor: 'system',
        reason: `exchange order ${f.clientOrderId} is not in the database`,
        inputs: { ...f, side: wire.side, type: wire.type, quantity: wire.origQty, price: wire.price },
        outcome,
      });
      this.d.alert?.('Unknown order on the exchange', [
        `${wire.side} ${wire.origQty} ${filters.symbol} @ ${wire.price} (${f.clientOrderId})`,
        `policy: ${this.d.policy} → ${outcome}`,
      ]);
    }
    const missed = await broker.missedFills();
    broker.enqueueFills(missed);
    const balance = await this.checkBalance();
    return { ordersUpdated: 0, fillsApplied: missed.length, foreign: foreign.map((f) => f.clientOrderId), balance };
  }

  private async checkBalance(): Promise<BalanceComparison> {
    const { broker, store, filters } = this.d;
    const balances = await broker.refreshBalances();
    const actual = decStr(dec(balances.base.free).plus(balances.base.locked));
    const position = store.positions.get(filters.symbol)?.quantity ?? '0';
    let baseline = store.config.get<string>(BASELINE_KEY);
    if (baseline === null) {
      // What the account held before the bot traded is not the bot's: remembered once, then compared against.
      baseline = baselineFrom(actual, position);
      store.config.set(BASELINE_KEY, baseline, 'system', this.d.now());
    }
    const comparison = compareBaseBalance(expectedBase(baseline, position), actual, this.d.tolerancePct, filters.stepSize);
    if (!comparison.ok) {
      const reason = `balance mismatch: exchange holds ${comparison.actual} ${filters.base}, the database expects ${comparison.expected} (${comparison.differencePct.toFixed(2)}% > ${this.d.tolerancePct}%)`;
      store.audit.append({
        time: this.d.now(),
        type: 'live.balance_mismatch',
        actor: 'system',
        reason,
        inputs: { ...comparison, tolerancePct: this.d.tolerancePct },
        outcome: 'pause',
      });
      this.d.log.error({ ...comparison }, reason);
      this.d.alert?.('Balance mismatch: trading paused', [reason]);
      await this.pause?.(reason);
    }
    return comparison;
  }
}
