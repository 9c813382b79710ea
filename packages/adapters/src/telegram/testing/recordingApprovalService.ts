import type { ActorRef, ApprovalService } from '@warden/core/app/services';
import { requireDecider } from '@warden/core/approvals/requireDecider';
import type { Approval } from '@warden/core/domain/approval';
import { ConflictError, NotFoundError } from '@warden/core/errors/errors';
import type { Clock } from '@warden/core/ports/clock';
import type { Store } from '@warden/core/ports/store';

/**
 * Stand-in for the advisor engineer's ApprovalService (not written yet when these tests were):
 * decides through the real approval repository, audits with the actor, and records each call.
 */
export class RecordingApprovalService implements ApprovalService {
  readonly calls: Array<{ readonly action: 'approve' | 'reject'; readonly id: number; readonly actor: ActorRef }> = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  list(filter: { readonly status?: Approval['status'] }, page: { readonly limit: number; readonly cursor?: number }) {
    const result = this.store.approvals.list(filter, page);
    return { items: result.items, nextCursor: result.nextCursor };
  }

  get(id: number): Approval | null {
    return this.store.approvals.get(id);
  }

  approve(id: number, actor: ActorRef, comment: string | null): Promise<Approval> {
    return this.decide('approve', id, actor, comment);
  }

  reject(id: number, actor: ActorRef, comment: string | null): Promise<Approval> {
    return this.decide('reject', id, actor, comment);
  }

  private async decide(action: 'approve' | 'reject', id: number, actor: ActorRef, comment: string | null): Promise<Approval> {
    this.calls.push({ action, id, actor });
    requireDecider(actor, `${action} approval`);
    if (!this.store.approvals.get(id)) throw new NotFoundError(`approval ${id} not found`);
    const now = this.clock.now();
    const decided = this.store.approvals.decide(id, {
      status: action === 'approve' ? 'APPROVED' : 'REJECTED',
      decidedBy: actor.id,
      decidedAt: now,
      comment,
    });
    if (!decided) throw new ConflictError(`approval ${id} was already decided`);
    this.store.audit.append({
      time: now,
      type: `approval.${decided.status.toLowerCase()}`,
      actor: actor.id,
      reason: comment ?? action,
      inputs: { id },
    });
    return decided;
  }
}
