import type { ActorRef, ApprovalService } from '@warden/core/app/services';
import type { Approval } from '@warden/core/domain/approval';

/** Wraps the real ApprovalService and records each decision call, so tests can tell "refused before the service" from "refused by it". */
export class RecordingApprovalService implements ApprovalService {
  readonly calls: Array<{ readonly action: 'approve' | 'reject'; readonly id: number; readonly actor: ActorRef }> = [];

  constructor(private readonly inner: ApprovalService) {}

  list(
    filter: { readonly status?: Approval['status']; readonly symbol?: string },
    page: { readonly limit: number; readonly cursor?: number },
  ) {
    return this.inner.list(filter, page);
  }

  get(id: number): Approval | null {
    return this.inner.get(id);
  }

  approve(id: number, actor: ActorRef, comment: string | null): Promise<Approval> {
    this.calls.push({ action: 'approve', id, actor });
    return this.inner.approve(id, actor, comment);
  }

  reject(id: number, actor: ActorRef, comment: string | null): Promise<Approval> {
    this.calls.push({ action: 'reject', id, actor });
    return this.inner.reject(id, actor, comment);
  }
}
