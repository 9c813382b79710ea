import type { LiveUpdates } from '../app/liveUpdates.js';
import type { Approval } from '../domain/approval.js';
import type { Notifier } from '../ports/notifier.js';
import { describeChange } from './describeChange.js';

export interface ApprovalChannels {
  readonly liveUpdates?: LiveUpdates;
  readonly notifier?: Notifier;
}

/** Tells the web panel and Telegram about an approval (and the pair it is for) after its transaction committed. */
export function publishApproval(channels: ApprovalChannels, approval: Approval, time: number, headline: string): void {
  channels.liveUpdates?.publish({
    kind: 'approval',
    time,
    data: { id: approval.id, status: approval.status, source: approval.source, symbol: approval.symbol },
  });
  channels.notifier?.notify({
    type: 'approvals',
    title: `Approval #${approval.id}${approval.symbol ? ` for ${approval.symbol}` : ''} ${headline}`,
    lines: [
      describeChange(approval.change),
      `reason: ${approval.reason}`,
      ...(approval.status === 'PENDING'
        ? [`expires ${new Date(approval.expiresAt).toISOString()}`]
        : approval.decidedBy
          ? [`by ${approval.decidedBy}`]
          : []),
    ],
    data: { approvalId: approval.id, status: approval.status, symbol: approval.symbol },
  });
}
