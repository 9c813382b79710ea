import type { Approval, ProposalChange, WalkForwardCheck, WalkForwardPartScore, WhatIfResult } from '../domain/approval.js';
import type { Notification } from '../ports/notifier.js';
import { formatPct, formatTime } from './format.js';

export function describeChange(change: ProposalChange): string[] {
  if (change.kind === 'strategy') {
    const params = Object.entries(change.params).map(([k, v]) => `${k}=${String(v)}`);
    return [`Switch strategy ${change.fromStrategy} → ${change.toStrategy}`, ...(params.length ? [`  with ${params.join(', ')}`] : [])];
  }
  const keys = [...new Set([...Object.keys(change.before), ...Object.keys(change.after)])];
  return [`Tune ${change.strategy}:`, ...keys.map((k) => `  ${k}: ${String(change.before[k] ?? '—')} → ${String(change.after[k] ?? '—')}`)];
}

export function describeWhatIf(whatIf: WhatIfResult | null): string[] {
  if (!whatIf) return ['What-if: not available'];
  const row = (label: string, r: WhatIfResult['current']) =>
    `  ${label}: return ${formatPct(r.returnPct)}, max drawdown ${formatPct(-Math.abs(r.maxDrawdownPct))}, ${r.trades} trades`;
  return [`What-if over ${whatIf.candles} candles:`, row('current', whatIf.current), row('proposed', whatIf.proposed)];
}

/**
 * The research bench's walk-forward check in a few lines: each side's score (return / max
 * drawdown) in-sample and out-of-sample, and whether the proposal beats the current parameters
 * out-of-sample (the figure to trust: nothing was chosen on those candles).
 */
export function describeWalkForward(check: WalkForwardCheck | null): string[] {
  if (!check) return ['Walk-forward score: not available'];
  const part = (p: WalkForwardPartScore) =>
    `${p.score.toFixed(2)} (${formatPct(p.returnPct)}, max drawdown ${p.maxDrawdownPct.toFixed(2)}%, ${p.trades} trades)`;
  const row = (label: string, side: WalkForwardCheck['current']) =>
    `  ${label}: in-sample ${part(side.inSample)}; out-of-sample ${part(side.outOfSample)}`;
  return [
    `Walk-forward score (return / max drawdown), ${check.inSampleCandles} in-sample + ${check.outOfSampleCandles} out-of-sample candles:`,
    row('current', check.current),
    row('proposed', check.proposed),
    check.proposedBeatsCurrent ? '  → the proposal scores higher out-of-sample' : '  → the proposal does NOT score higher out-of-sample',
  ];
}

/** " for ETH/USDT": the pair an approval changes (nothing for a proposal made before several pairs). */
function forPair(approval: Approval): string {
  return approval.symbol ? ` for ${approval.symbol}` : '';
}

/** Carries `approvalId` in data so a chat channel can attach approve/reject buttons; the title names the pair. */
export function approvalPendingNotification(approval: Approval): Notification {
  return {
    type: 'approvals',
    title: `Approval #${approval.id}${forPair(approval)} pending (from ${approval.source})`,
    lines: [
      ...describeChange(approval.change),
      `Reason: ${approval.reason}`,
      ...describeWhatIf(approval.whatIf),
      ...describeWalkForward(approval.walkForward),
      `Expires: ${formatTime(approval.expiresAt)}`,
    ],
    data: { approvalId: approval.id, status: approval.status, symbol: approval.symbol },
  };
}

export function approvalDecidedNotification(approval: Approval): Notification {
  const by = approval.status === 'EXPIRED' ? 'nobody decided in time' : `by ${approval.decidedBy ?? 'unknown'}`;
  const lines = [...describeChange(approval.change), `Decision: ${approval.status} ${by}`];
  if (approval.decidedAt !== null) lines.push(`At: ${formatTime(approval.decidedAt)}`);
  if (approval.comment) lines.push(`Comment: ${approval.comment}`);
  return {
    type: 'approvals',
    title: `Approval #${approval.id}${forPair(approval)} ${approval.status.toLowerCase()}`,
    lines,
    data: { approvalId: approval.id, status: approval.status },
  };
}
