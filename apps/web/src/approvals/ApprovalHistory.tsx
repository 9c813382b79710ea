import { useState } from 'react';
import { useApprovals } from '../api/queries';
import type { ApprovalStatus } from '../api/types';
import { EmptyRow } from '../components/EmptyRow';
import { ErrorBox } from '../components/ErrorBox';
import { Pager } from '../components/Pager';
import { dateTime } from '../format';
import { ChangeView } from './ChangeView';

const FINAL: readonly ApprovalStatus[] = ['APPROVED', 'REJECTED', 'EXPIRED'];

/** Decided and expired proposals, filterable by outcome. */
export function ApprovalHistory() {
  const [status, setStatus] = useState<ApprovalStatus | ''>('');
  const [cursors, setCursors] = useState<number[]>([]);
  const page = useApprovals({ status: status || undefined, limit: 20, cursor: cursors[cursors.length - 1] });
  const rows = (page.data?.items ?? []).filter((a) => a.status !== 'PENDING');
  return (
    <section className="card" aria-label="Approval history">
      <header className="card-head">
        <h2>History</h2>
        <select
          aria-label="Status filter"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as ApprovalStatus | '');
            setCursors([]);
          }}
        >
          <option value="">all decided</option>
          {FINAL.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </header>
      <ErrorBox error={page.error} />
      <div className="table-wrap">
        <table className="table" data-testid="approval-history">
          <thead>
            <tr>
              <th>#</th>
              <th>Status</th>
              <th>Change</th>
              <th>Reason</th>
              <th>Decided by</th>
              <th>When</th>
              <th>Comment</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>{a.id}</td>
                <td>
                  <span className={`badge status-${a.status.toLowerCase()}`}>{a.status}</span>
                </td>
                <td>
                  <ChangeView change={a.change} />
                </td>
                <td className="small">{a.reason}</td>
                <td>{a.decidedBy ?? '—'}</td>
                <td className="small">{dateTime(a.decidedAt ?? a.expiresAt)}</td>
                <td className="small">{a.comment ?? ''}</td>
              </tr>
            ))}
            {rows.length === 0 ? <EmptyRow columns={7}>Nothing decided yet.</EmptyRow> : null}
          </tbody>
        </table>
      </div>
      <Pager cursors={cursors} nextCursor={page.data?.nextCursor} onChange={setCursors} />
    </section>
  );
}
