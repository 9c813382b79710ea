import type { ProposalChange } from '../domain/approval.js';

/** One line an operator reads in a notification: what would change. */
export function describeChange(change: ProposalChange): string {
  if (change.kind === 'strategy') return `switch strategy ${change.fromStrategy} → ${change.toStrategy}`;
  const parts = Object.entries(change.after).map(([key, value]) => `${key} ${change.before[key] ?? '(unset)'} → ${value}`);
  return `${change.strategy}: ${parts.join(', ')}`;
}
