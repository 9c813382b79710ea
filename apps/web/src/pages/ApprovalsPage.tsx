import { useApprovals } from '../api/queries';
import { ApprovalCard } from '../approvals/ApprovalCard';
import { ApprovalHistory } from '../approvals/ApprovalHistory';
import { ErrorBox } from '../components/ErrorBox';

export function ApprovalsPage() {
  const pending = useApprovals({ status: 'PENDING', limit: 50 });
  const items = pending.data?.items ?? [];
  return (
    <>
      <section aria-label="Pending proposals">
        <h2 className="section-title">
          Pending proposals <span className="badge warn">{items.length}</span>
        </h2>
        <ErrorBox error={pending.error} />
        {items.length === 0 && !pending.isPending ? <p className="muted empty card">No proposals are waiting for a decision.</p> : null}
        <div className="approval-list">
          {items.map((a) => (
            <ApprovalCard key={a.id} approval={a} />
          ))}
        </div>
      </section>
      <ApprovalHistory />
    </>
  );
}
