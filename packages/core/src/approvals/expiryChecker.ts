import type { ServiceLogger } from '../advisor/logger.js';
import { silentLogger } from '../advisor/logger.js';
import type { ControlService } from '../app/services.js';
import type { Approval } from '../domain/approval.js';
import type { Store } from '../ports/store.js';
import { type ApprovalChannels, publishApproval } from './publishApproval.js';

export type ApprovalExpiryPolicy = 'none' | 'pause' | 'emergency_stop';

export interface ExpiryCheckerDeps extends ApprovalChannels {
  readonly store: Store;
  readonly control: Pick<ControlService, 'transition'>;
  /** APPROVAL_EXPIRY_POLICY */
  readonly policy: ApprovalExpiryPolicy;
  readonly logger?: ServiceLogger;
}

/**
 * Marks PENDING approvals past their expiry as EXPIRED and applies the expiry policy. The policy
 * exists because an unanswered proposal can mean nobody is watching a bot that asked for help:
 * `pause` stops new trades until an operator looks, `emergency_stop` also cancels open orders and
 * needs an admin to resume; `none` just lets the proposal lapse.
 */
export class ApprovalExpiryChecker {
  readonly #log: ServiceLogger;
  constructor(private readonly deps: ExpiryCheckerDeps) {
    this.#log = deps.logger ?? silentLogger;
  }

  async expireDue(now: number): Promise<Approval[]> {
    const { store, policy } = this.deps;
    const expired: Approval[] = [];
    for (const due of store.approvals.pendingExpiredAt(now)) {
      const approval = store.transaction(() => {
        const decided = store.approvals.decide(due.id, {
          status: 'EXPIRED',
          decidedBy: 'system',
          decidedAt: now,
          comment: `no decision before ${new Date(due.expiresAt).toISOString()}`,
        });
        if (decided) {
          store.audit.append({
            time: now,
            type: 'approval.expired',
            actor: 'system',
            reason: `approval #${due.id} expired`,
            inputs: { approvalId: due.id, change: due.change, expiresAt: due.expiresAt, policy },
            outcome: 'EXPIRED',
          });
        }
        return decided;
      });
      if (!approval) continue; // decided by an operator between the query and now
      expired.push(approval);
      publishApproval(this.deps, approval, now, `expired (policy ${policy})`);
      if (policy !== 'none') await this.#applyPolicy(approval, policy, now);
    }
    return expired;
  }

  async #applyPolicy(approval: Approval, policy: Exclude<ApprovalExpiryPolicy, 'none'>, now: number): Promise<void> {
    const reason = `approval #${approval.id} expired`;
    try {
      const result = await this.deps.control.transition(policy, { id: 'system', role: 'system' }, reason);
      this.deps.store.audit.append({
        time: now,
        type: 'approval.expiry_policy_applied',
        actor: 'system',
        reason,
        inputs: { approvalId: approval.id, policy, from: result.from, to: result.to },
        outcome: result.to,
      });
    } catch (error) {
      // E.g. pausing a bot that is already paused or stopped: the safety state already holds.
      const message = error instanceof Error ? error.message : String(error);
      this.#log.warn({ approvalId: approval.id, policy, message }, 'approval expiry policy not applied');
      this.deps.store.audit.append({
        time: now,
        type: 'approval.expiry_policy_skipped',
        actor: 'system',
        reason,
        inputs: { approvalId: approval.id, policy, error: message },
        outcome: 'skipped',
      });
    }
  }
}
