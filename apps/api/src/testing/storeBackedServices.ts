import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import type { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { AdvisorService, ApprovalService, ControlService, SystemStatus } from '@warden/core/app/services';
import type { AppConfig } from '@warden/core/config/parseConfig';
import type { Approval } from '@warden/core/domain/approval';
import { ConflictError, InsufficientDataError, NotFoundError } from '@warden/core/errors/errors';
import type { Clock } from '@warden/core/ports/clock';
import type { Store } from '@warden/core/ports/store';
import { nextState, type TradingState } from '@warden/core/state/tradingState';

/**
 * Small but real implementations of the application services for API tests: they change the
 * SQLite store and audit like the production ones (packages/core/src/app/controlServiceImpl.ts,
 * approvals/, advisor/), so the tests see effects in the database and in GET /api/events.
 * Swap in the real services once they exist.
 */
export interface TestServices {
  readonly control: ControlService & { dataReady: boolean };
  readonly approvals: ApprovalService;
  readonly advisor: AdvisorService;
}

export function storeBackedServices(store: Store, config: AppConfig, clock: Clock, live: LiveUpdates): TestServices {
  let schedulerRunning = false;
  const startedAt = clock.now();
  const state = (): TradingState => store.config.get<TradingState>(CONFIG_KEYS.tradingState) ?? 'RUNNING';

  const control: TestServices['control'] = {
    dataReady: true,
    status(): SystemStatus {
      return {
        state: state(),
        schedulerRunning,
        mode: config.TRADING_MODE,
        symbol: config.TRADING_SYMBOL,
        strategy: config.TRADING_ACTIVE_STRATEGY,
        timeframes: config.TRADING_TIMEFRAMES,
        dataReady: this.dataReady,
        dataReadiness: config.TRADING_TIMEFRAMES.map((timeframe) => ({ timeframe, required: 10, available: this.dataReady ? 10 : 3, ready: this.dataReady })),
        lastCycleAt: null,
        lastCycleId: null,
        cycleCount: 0,
        lastError: null,
        version: '0.1.0-test',
        startedAt,
      };
    },
    async transition(command, actor, reason) {
      const from = state();
      const to = nextState(from, { command, actorRole: actor.role, reason });
      const now = clock.now();
      const result = store.transaction(() => {
        const canceled = command === 'emergency_stop' ? store.orders.open(config.TRADING_SYMBOL).map((o) => ({ ...o, status: 'CANCELED' as const, updatedAt: now })) : [];
        for (const order of canceled) store.orders.update(order);
        store.config.set(CONFIG_KEYS.tradingState, to, actor.id, now);
        store.audit.append({ time: now, type: 'state.transition', actor: actor.id, reason: reason || command, inputs: { command, from, to }, outcome: to });
        return command === 'emergency_stop' ? { from, to, cancellation: { canceled, failed: [] } } : { from, to };
      });
      live.publish({ kind: 'state', time: now, data: { from, to, actor: actor.id } });
      return result;
    },
    async startScheduler(actor) {
      if (!this.dataReady) throw new InsufficientDataError('data not ready for 5m, 4h', { timeframes: config.TRADING_TIMEFRAMES });
      schedulerRunning = true;
      store.audit.append({ time: clock.now(), type: 'scheduler.start', actor: actor.id, reason: 'start', outcome: 'running' });
    },
    async stopScheduler(actor) {
      schedulerRunning = false;
      store.audit.append({ time: clock.now(), type: 'scheduler.stop', actor: actor.id, reason: 'stop', outcome: 'stopped' });
    },
  };

  const decide = (status: 'APPROVED' | 'REJECTED') => async (id: number, actor: { id: string }, comment: string | null): Promise<Approval> => {
    const now = clock.now();
    return store.transaction(() => {
      if (!store.approvals.get(id)) throw new NotFoundError(`approval ${id} does not exist`, { id });
      const decided = store.approvals.decide(id, { status, decidedBy: actor.id, decidedAt: now, comment });
      if (!decided) throw new ConflictError(`approval ${id} is already decided`, { id });
      if (status === 'APPROVED' && decided.change.kind === 'params') {
        store.config.set(CONFIG_KEYS.strategyParams(decided.change.strategy), decided.change.after, actor.id, now);
      }
      store.audit.append({ time: now, type: `approval.${status.toLowerCase()}`, actor: actor.id, reason: comment ?? status, inputs: { id }, outcome: status });
      return decided;
    });
  };

  const approvals: ApprovalService = {
    list: (filter, page) => store.approvals.list(filter, page),
    get: (id) => store.approvals.get(id),
    approve: decide('APPROVED'),
    reject: decide('REJECTED'),
  };

  const advisor: AdvisorService = {
    async run(actor) {
      const now = clock.now();
      const saved = store.transaction(() => {
        const approval = insertProposal(store, now);
        store.audit.append({ time: now, type: 'advisor.run', actor: actor.id, reason: 'manual run', outcome: 'saved 1' });
        return approval;
      });
      return { saved: [saved], dropped: 0, source: 'rules' };
    },
  };

  return { control, approvals, advisor };
}

/** A pending params proposal, as the advisor would save it. */
export function insertProposal(store: Store, now: number): Approval {
  return store.approvals.insert({
    createdAt: now,
    expiresAt: now + 3_600_000,
    change: { kind: 'params', strategy: 'grid', before: { levels: 10 }, after: { levels: 12 } },
    reason: 'volatility rose',
    source: 'rules',
    whatIf: null,
  });
}
