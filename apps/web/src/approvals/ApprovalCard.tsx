import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import type { Approval } from '../api/types';
import { useCan } from '../auth/SessionContext';
import { Countdown } from '../components/Countdown';
import { dateTime } from '../format';
import { ChangeView } from './ChangeView';
import { PairName } from './PairName';
import { WalkForwardView } from './WalkForwardView';
import { WhatIfView } from './WhatIfView';

export type DecisionOutcome = { readonly id: number; readonly decided: Approval } | { readonly id: number; readonly error: unknown };

/**
 * One pending proposal with everything needed to decide it, and the approve/reject buttons. The
 * outcome goes to the page: once decided (here or elsewhere) the card leaves the pending list.
 */
export function ApprovalCard({ approval, onOutcome }: { approval: Approval; onOutcome: (outcome: DecisionOutcome) => void }) {
  const canDecide = useCan('approve');
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: (verdict: 'approve' | 'reject') =>
      api.post<Approval>(`/api/approvals/${approval.id}/${verdict}`, comment.trim() ? { comment: comment.trim() } : {}),
    onSuccess: (decided) => onOutcome({ id: approval.id, decided }),
    onError: (error) => onOutcome({ id: approval.id, error }),
    onSettled: () => {
      for (const prefix of ['approvals', 'strategy', 'config', 'events']) void client.invalidateQueries({ queryKey: [prefix] });
    },
  });
  return (
    <article className="card approval" data-testid="approval-card" data-approval-id={approval.id}>
      <header className="card-head">
        <h3>
          #{approval.id} · <PairName symbol={approval.symbol} /> ·{' '}
          {approval.change.kind === 'params' ? `${approval.change.strategy} parameters` : 'strategy switch'}
        </h3>
        <Countdown until={approval.expiresAt} />
      </header>
      <p className="reason">{approval.reason}</p>
      <p className="muted small">
        source <code>{approval.source}</code> · proposed {dateTime(approval.createdAt)}
      </p>
      <div className="approval-body">
        <ChangeView change={approval.change} />
        <WhatIfView whatIf={approval.whatIf} />
        <WalkForwardView check={approval.walkForward} />
      </div>
      {canDecide ? (
        <div className="decide">
          <input
            placeholder="comment (optional)"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-label={`Comment on proposal ${approval.id}`}
          />
          <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate('approve')}>
            Approve
          </button>
          <button type="button" className="danger" disabled={decide.isPending} onClick={() => decide.mutate('reject')}>
            Reject
          </button>
        </div>
      ) : (
        <p className="muted small">Your role cannot decide proposals.</p>
      )}
    </article>
  );
}
