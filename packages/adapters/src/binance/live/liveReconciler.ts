import type { SymbolFilters } from '@warden/core/domain/market';
import type { Fill, Position } from '@warden/core/domain/orders';
import { applyBrokerUpdate } from '@warden/core/live/applyBrokerUpdate';
import { type BalanceComparison, baselineFrom, compareBaseBalance, expectedBase } from '@warden/core/live/balanceCheck';
import { matchOpenOrders, type UnknownOrderPolicy } from '@warden/core/live/unknownOrderPolicy';
import { dec, decStr } from '@warden/core/money/decimal';
import { applyFill } from '@warden/core/portfolio/position';
import type { Store } from '@warden/core/ports/store';
import type { LiveBroker, LiveLogger } from './liveBroker.js';
import { adoptedOrder } from './wireOrders.js';

/**
 * Where the amount of `asset` the account held before Warden traded it is remembered (config key,
 * one per base asset). Several pairs trade one account: each pair's base has its own baseline.
 */
export function baselineKey(asset: string): string {
  return `live.base_baseline.${asset}`;
}

/** The single key of the versions before several pairs: the baseline of the one pair's base. */
export const LEGACY_BASELINE_KEY = 'live.base_baseline';

/**
 * Moves the baseline a database written before several pairs holds under `asset` (the base of the
 * pair that database traded), once: later starts find the asset's own key. Returns whether it moved.
 * Before this, every pair read that one key, so each pair's base was compared with the first pair's
 * baseline, and coins the operator held in the second pair's base paused trading as a mismatch.
 */
export function adoptLegacyBaseline(store: Store, asset: string, now: number): boolean {
  const legacy = store.config.get<string>(LEGACY_BASELINE_KEY);
  if (legacy === null || store.config.get(baselineKey(asset)) !== null) return false;
  store.config.set(baselineKey(asset), legacy, 'system', now);
  return true;
}

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

interface AccountRead {
  /** Base on the exchange, free + locked. */
  readonly actual: string;
  readonly recorded: Position | null;
  /** Fills on the exchange that the database has not recorded yet. */
  readonly unrecorded: readonly Fill[];
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
      // Binance keeps client ids apart per symbol, the journal does not: an id another pair's order
      // holds cannot be adopted here (it would be recorded over that order), only reported.
      const journaled = store.orders.byClientId(f.clientOrderId);
      if (this.d.policy === 'adopt' && journaled !== null && journaled.symbol !== filters.symbol)
        outcome = `not adopted: the journal holds client id ${f.clientOrderId} for ${journaled.symbol}`;
      else if (this.d.policy === 'adopt' && !journaled) store.orders.insert(adoptedOrder(wire, filters.symbol, now));
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
    let read = await this.readAccount();
    let comparison = this.compare(read);
    // A fill between the balance read and the trades read shows as a difference that is not one:
    // read both again before pausing anyone.
    if (!comparison.ok) {
      read = await this.readAccount();
      comparison = this.compare(read);
    }
    broker.enqueueFills(read.unrecorded);
    if (!comparison.ok) await this.reportMismatch(comparison);
    return { ordersUpdated: 0, fillsApplied: read.unrecorded.length, foreign: foreign.map((f) => f.clientOrderId), balance: comparison };
  }

  /**
   * The base balance, then the fills not recorded yet (missed, or queued for the next cycle, which
   * owns the position) and the recorded position. The last two are read together, synchronously,
   * so a cycle committing its fills in between cannot make a fill count twice or not at all.
   */
  private async readAccount(): Promise<AccountRead> {
    const { broker, store, filters } = this.d;
    const balances = await broker.refreshBalances();
    const trades = await broker.recentTrades();
    const unrecorded = broker.unrecordedFills(trades);
    const recorded = store.positions.get(filters.symbol) ?? null;
    return { actual: decStr(dec(balances.base.free).plus(balances.base.locked)), recorded, unrecorded };
  }

  /**
   * Exchange balance against what the bot holds including the fills it has not recorded yet: the
   * recorded position moved by each of them (`applyFill`: the position is the sum of its fills in
   * any order). Comparing with the recorded position alone paused trading whenever a resting order
   * filled between a cycle and this check.
   */
  private compare(read: AccountRead): BalanceComparison {
    const { store, filters } = this.d;
    let position = read.recorded;
    for (const fill of read.unrecorded) position = applyFill(position, fill).position;
    const quantity = position?.quantity ?? '0';
    // Per base asset: the account's other pairs hold other assets, each with its own baseline.
    const key = baselineKey(filters.base);
    let baseline = store.config.get<string>(key);
    if (baseline === null) {
      // What the account held before the bot traded is not the bot's: remembered once, then compared against.
      baseline = baselineFrom(read.actual, quantity);
      store.config.set(key, baseline, 'system', this.d.now());
    }
    return compareBaseBalance(expectedBase(baseline, quantity), read.actual, this.d.tolerancePct, filters.stepSize);
  }

  private async reportMismatch(comparison: BalanceComparison): Promise<void> {
    const { store, filters } = this.d;
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
}
