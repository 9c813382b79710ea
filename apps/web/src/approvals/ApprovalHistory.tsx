import { useState } from 'react';
import { useApprovals } from '../api/queries';
import type { ApprovalStatus } from '../api/types';
import { EmptyRow } from '../components/EmptyRow';
import { ErrorBox } from '../components/ErrorBox';
import { Pager } from '../components/Pager';
import { useCursors } from '../components/useCursors';
import { dateTime } from '../format';
import { PairFilter } from '../pairs/PairFilter';
import { ChangeView } from './ChangeView';
import { PairName } from './PairName';

const FINAL: readonly ApprovalStatus[] = ['APPROVED', 'REJECTED', 'EXPIRED'];

/** Decided and expired proposals, filterable by outcome and pair. */
export function ApprovalHistory() {
  const [status, setStatus] = useState<ApprovalStatus | ''>('');
  const [pair, setPair] = useState('');
  const [cursors, setCursors] = useCursors(pair);
  const page = useApprovals({ status: status || undefined, symbol: pair || undefined, limit: 20, cursor: cursors[cursors.length - 1] });
  const rows = (page.data?.items ?? []).filter((a) => a.status !== 'PENDING');
  return (
    <section className="card" aria-label="Approval history">
      <header className="card-head">
        <h2>History</h2>
        <div className="filters">
          <PairFilter value={pair} onChange={setPair} />
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
        </div>
      </header>
      <ErrorBox error={page.error} />
      <div className="table-wrap">
        <table className="table" data-testid="approval-history">
          <thead>
            <tr>
              <th>#</th>
              <th>Status</th>
              <th>Pair</th>
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
                  <PairName symbol={a.symbol} />
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
            {rows.length === 0 ? <EmptyRow columns={8}>Nothing decided yet.</EmptyRow> : null}
          </tbody>
        </table>
      </div>
      <Pager cursors={cursors} nextCursor={page.data?.nextCursor} onChange={setCursors} />
    </section>
  );
}
