import { describe, expect, it } from 'vitest';
import type { Approval } from '../domain/approval.js';
import { approvalDecidedNotification, approvalPendingNotification } from './approvalMessages.js';
import { cycleErrorNotification, stateChangeNotification } from './systemMessages.js';

const T = Date.UTC(2026, 0, 5, 12, 0, 0);

function buildApproval(overrides: Partial<Approval> = {}): Approval {
  return {
    id: 7,
    createdAt: T,
    expiresAt: T + 3_600_000,
    status: 'PENDING',
    change: { kind: 'strategy', fromStrategy: 'smart_grid_ai', toStrategy: 'ema_crossover', params: { fast: 9, slow: 21 } },
    reason: 'trend regime',
    source: 'llm:openai/gpt-4o-mini',
    whatIf: null,
    walkForward: null,
    symbol: null,
    decidedBy: null,
    decidedAt: null,
    comment: null,
    ...overrides,
  };
}

describe('notification builders', () => {
  it('describes a strategy switch, says when no what-if exists, and carries the id for buttons', () => {
    const n = approvalPendingNotification(buildApproval());
    expect(n.lines).toEqual([
      'Switch strategy smart_grid_ai → ema_crossover',
      '  with fast=9, slow=21',
      'Reason: trend regime',
      'What-if: not available',
      'Walk-forward score: not available',
      'Expires: 2026-01-05 13:00 UTC',
    ]);
    expect(n.data).toEqual({ approvalId: 7, status: 'PENDING', symbol: null });
  });

  it("names the approval's pair in the title and data, pending and decided", () => {
    const pending = approvalPendingNotification(buildApproval({ symbol: 'ETH/USDT' }));
    expect(pending.title).toBe('Approval #7 for ETH/USDT pending (from llm:openai/gpt-4o-mini)');
    expect(pending.data).toEqual({ approvalId: 7, status: 'PENDING', symbol: 'ETH/USDT' });
    const decided = approvalDecidedNotification(
      buildApproval({ symbol: 'ETH/USDT', status: 'APPROVED', decidedBy: 'user:a', decidedAt: T }),
    );
    expect(decided.title).toBe('Approval #7 for ETH/USDT approved');
  });

  it('shows the walk-forward score of both sides and says plainly when the proposal does not beat the current parameters out-of-sample', () => {
    const side = (score: number, returnPct: number) => ({ score, returnPct, maxDrawdownPct: 2, trades: 12 });
    const walkForward = {
      candles: 1500,
      inSampleCandles: 1050,
      outOfSampleCandles: 450,
      current: { inSample: side(0.5, 1), outOfSample: side(1.5, 3) },
      proposed: { inSample: side(2.5, 5), outOfSample: side(-0.25, -0.5) },
      proposedBeatsCurrent: false,
    };
    const n = approvalPendingNotification(buildApproval({ walkForward }));
    expect(n.lines).toContain('Walk-forward score (return / max drawdown), 1050 in-sample + 450 out-of-sample candles:');
    expect(n.lines).toContain(
      '  proposed: in-sample 2.50 (+5.00%, max drawdown 2.00%, 12 trades); out-of-sample -0.25 (-0.50%, max drawdown 2.00%, 12 trades)',
    );
    expect(n.lines).toContain('  → the proposal does NOT score higher out-of-sample');
    const better = approvalPendingNotification(buildApproval({ walkForward: { ...walkForward, proposedBeatsCurrent: true } }));
    expect(better.lines).toContain('  → the proposal scores higher out-of-sample');
  });

  it('an expired approval says nobody decided in time', () => {
    const n = approvalDecidedNotification(buildApproval({ status: 'EXPIRED', decidedBy: 'system', decidedAt: T + 3_600_000 }));
    expect(n.title).toBe('Approval #7 expired');
    expect(n.lines).toContain('Decision: EXPIRED nobody decided in time');
  });

  it('an emergency stop lists the orders it could not cancel', () => {
    const n = stateChangeNotification({
      from: 'RUNNING',
      to: 'EMERGENCY_STOP',
      command: 'emergency_stop',
      actor: 'system',
      reason: 'max drawdown',
      cancellation: { canceled: [], failed: [{ clientOrderId: 'wd-9', error: 'timeout' }] },
    });
    expect(n.lines).toEqual([
      'By: system',
      'Command: emergency_stop',
      'Reason: max drawdown',
      'Open orders canceled: 0',
      '  could not cancel wd-9: timeout',
    ]);
  });

  it('a fatal cycle error says the scheduler stopped', () => {
    const n = cycleErrorNotification({ cycleId: null, error: 'exchange banned us', fatal: true });
    expect(n.title).toBe('Fatal cycle error');
    expect(n.lines).toEqual(['Error: exchange banned us', 'The scheduler stopped; an operator must look at it.']);
  });
});
