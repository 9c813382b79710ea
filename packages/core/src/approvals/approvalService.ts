import type { StrategyCatalog } from '../advisor/strategyCatalog.js';
import { actorInputs } from '../app/actorInputs.js';
import type { ActorRef, ApprovalService } from '../app/services.js';
import type { Approval } from '../domain/approval.js';
import { ConflictError, NotFoundError, ValidationError, WardenError } from '../errors/errors.js';
import { pairStore } from '../portfolio/pairStore.js';
import type { Clock } from '../ports/clock.js';
import type { ConfigRepository, Store } from '../ports/store.js';
import type { StrategySettings } from '../strategy/types.js';
import { planApply } from './planApply.js';
import { type ApprovalChannels, publishApproval } from './publishApproval.js';
import { requireDecider } from './requireDecider.js';

/**
 * Several traded pairs: an approval applies to its pair's strategy keys only (`pairStore`). A
 * proposal made before several pairs (symbol null) applies to `legacySymbol`, the pair that
 * database traded.
 */
export interface ApprovalPairs {
  /** The traded pairs (TRADING_SYMBOLS): a proposal for a pair no longer traded is refused. */
  readonly symbols: readonly string[];
  readonly legacySymbol: string;
  /** The strategy in force for a pair whose config has none yet (its TRADING_PAIR_STRATEGIES entry). */
  readonly defaultStrategy?: (symbol: string) => string;
  /** The pair's strategy settings, for the strategy's own checks (e.g. the grid fee floor). */
  readonly strategySettings?: (symbol: string) => StrategySettings;
}

export interface ApprovalServiceDeps extends ApprovalChannels {
  /** The whole store (not a pair's scoped one): approvals are the account's, config writes go to the approval's pair. */
  readonly store: Store;
  readonly clock: Clock;
  readonly catalog: StrategyCatalog;
  /** TRADING_ACTIVE_STRATEGY: the active strategy while the config table has none. */
  readonly defaultStrategy: string;
  /** When given, an approved change must also pass the strategy's construction checks (e.g. the grid fee floor). */
  readonly strategySettings?: StrategySettings;
  /** Absent: one pair, whose strategy keys are the store's own (the single-pair wiring). */
  readonly pairs?: ApprovalPairs;
}

const MAX_COMMENT = 1000;

/**
 * The human gate. Approving re-validates the change against today's bounds and writes it to the
 * `config` table in the same transaction as the decision and its audit events, so the bot never
 * runs with a change that is approved but not applied (or applied but not approved).
 */
export class ApprovalServiceImpl implements ApprovalService {
  constructor(private readonly deps: ApprovalServiceDeps) {}

  list(
    filter: { readonly status?: Approval['status']; readonly symbol?: string },
    page: { readonly limit: number; readonly cursor?: number },
  ) {
    const legacy = this.deps.pairs?.legacySymbol;
    return this.deps.store.approvals.list(legacy !== undefined ? { ...filter, legacySymbol: legacy } : filter, page);
  }

  get(id: number): Approval | null {
    return this.deps.store.approvals.get(id);
  }

  async approve(id: number, actor: ActorRef, comment: string | null): Promise<Approval> {
    requireDecider(actor, 'approving a proposal');
    const { store, clock, catalog } = this.deps;
    const now = clock.now();
    try {
      const approved = store.transaction(() => {
        const approval = this.#pending(id, now);
        const target = this.#target(approval);
        const pair = target.symbol === null ? {} : { symbol: target.symbol };
        const writes = planApply(approval.change, target.config, catalog, target.defaultStrategy, target.strategySettings);
        const decided = this.#decide(id, 'APPROVED', actor, comment, now);
        store.audit.append({
          time: now,
          type: 'approval.approved',
          actor: actor.id,
          reason: comment ?? `approval #${id} approved`,
          inputs: { approvalId: id, ...pair, change: approval.change, source: approval.source, ...actorInputs(actor) },
          outcome: 'APPROVED',
        });
        for (const write of writes) {
          target.config.set(write.key, write.after, actor.id, now);
          store.audit.append({
            time: now,
            type: 'config.changed',
            actor: actor.id,
            reason: `approval #${id}`,
            inputs: { key: write.key, ...pair, before: write.before ?? null, after: write.after, approvalId: id, ...actorInputs(actor) },
            outcome: 'applied',
          });
        }
        store.audit.append({
          time: now,
          type: 'approval.applied',
          actor: actor.id,
          reason: `approval #${id} applied${target.symbol === null ? '' : ` to ${target.symbol}`}`,
          inputs: { approvalId: id, ...pair, keys: writes.map((w) => w.key), ...actorInputs(actor) },
          outcome: 'applied',
        });
        return decided;
      });
      publishApproval(this.deps, approved, now, 'approved and applied');
      return approved;
    } catch (error) {
      // A change that no longer fits is not applied and stays PENDING (the operator may reject it); the attempt is audited.
      if (error instanceof WardenError && !(error instanceof NotFoundError) && !(error instanceof ConflictError && error.context.status)) {
        store.audit.append({
          time: now,
          type: 'approval.apply_failed',
          actor: actor.id,
          reason: error.message,
          inputs: { approvalId: id, ...actorInputs(actor) },
          outcome: error.code,
        });
      }
      throw error;
    }
  }

  async reject(id: number, actor: ActorRef, comment: string | null): Promise<Approval> {
    requireDecider(actor, 'rejecting a proposal');
    const { store, clock } = this.deps;
    const now = clock.now();
    const rejected = store.transaction(() => {
      const approval = this.#pending(id, now);
      const decided = this.#decide(id, 'REJECTED', actor, comment, now);
      store.audit.append({
        time: now,
        type: 'approval.rejected',
        actor: actor.id,
        reason: comment ?? `approval #${id} rejected`,
        inputs: { approvalId: id, change: approval.change, source: approval.source, ...actorInputs(actor) },
        outcome: 'REJECTED',
      });
      return decided;
    });
    publishApproval(this.deps, rejected, now, 'rejected');
    return rejected;
  }

  /**
   * Where an approval's change is written: its pair's strategy keys (a proposal without a pair goes
   * to the legacy pair), or the store's own keys in the single-pair wiring.
   * @throws ValidationError (field `symbol`) when the pair is no longer traded.
   */
  #target(approval: Approval): {
    symbol: string | null;
    config: ConfigRepository;
    defaultStrategy: string;
    strategySettings: StrategySettings | undefined;
  } {
    const { store, pairs } = this.deps;
    if (!pairs)
      return {
        symbol: null,
        config: store.config,
        defaultStrategy: this.deps.defaultStrategy,
        strategySettings: this.deps.strategySettings,
      };
    const symbol = approval.symbol ?? pairs.legacySymbol;
    if (!pairs.symbols.includes(symbol))
      throw new ValidationError(
        `approval #${approval.id} is for ${symbol}, which is no longer traded (${pairs.symbols.join(', ')})`,
        'symbol',
        {
          symbol,
        },
      );
    return {
      symbol,
      config: pairStore(store, symbol).config,
      defaultStrategy: pairs.defaultStrategy?.(symbol) ?? this.deps.defaultStrategy,
      strategySettings: pairs.strategySettings?.(symbol) ?? this.deps.strategySettings,
    };
  }

  #pending(id: number, now: number): Approval {
    const approval = this.deps.store.approvals.get(id);
    if (!approval) throw new NotFoundError(`approval #${id} does not exist`, { id });
    if (approval.status !== 'PENDING')
      throw new ConflictError(`approval #${id} is already ${approval.status}`, { id, status: approval.status });
    // Past its expiry but not yet swept by the checker: as final as EXPIRED.
    if (approval.expiresAt <= now)
      throw new ConflictError(`approval #${id} expired at ${new Date(approval.expiresAt).toISOString()}`, { id, status: 'EXPIRED' });
    return approval;
  }

  #decide(id: number, status: 'APPROVED' | 'REJECTED', actor: ActorRef, comment: string | null, now: number): Approval {
    const decided = this.deps.store.approvals.decide(id, {
      status,
      decidedBy: actor.id,
      decidedAt: now,
      comment: comment?.slice(0, MAX_COMMENT) ?? null,
    });
    if (!decided) throw new ConflictError(`approval #${id} was decided meanwhile`, { id, status: 'DECIDED' });
    return decided;
  }
}
