import { useState } from 'react';
import { useApprovals } from '../api/queries';
import { ApprovalCard, type DecisionOutcome } from '../approvals/ApprovalCard';
import { ApprovalHistory } from '../approvals/ApprovalHistory';
import { ErrorBox } from '../components/ErrorBox';

export function ApprovalsPage() {
  const pending = useApprovals({ status: 'PENDING', limit: 50 });
  const items = pending.data?.items ?? [];
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  return (
    <>
      <section aria-label="Pending proposals">
        <h2 className="section-title">
          Pending proposals <span className="badge warn">{items.length}</span>
        </h2>
        <ErrorBox error={pending.error} />
        <div aria-live="polite" data-testid="decision-result">
          {outcome && 'decided' in outcome ? (
            <p className="ok">
              Proposal #{outcome.id} {outcome.decided.status.toLowerCase()}.
            </p>
          ) : null}
          {outcome && 'error' in outcome ? <ErrorBox error={outcome.error} /> : null}
        </div>
        {items.length === 0 && !pending.isPending ? <p className="muted empty card">No proposals are waiting for a decision.</p> : null}
        <div className="approval-list">
          {items.map((a) => (
            <ApprovalCard key={a.id} approval={a} onOutcome={setOutcome} />
          ))}
        </div>
      </section>
      <ApprovalHistory />
    </>
  );
}
