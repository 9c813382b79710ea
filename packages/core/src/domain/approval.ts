/** An advisor proposal waiting for (or past) a human decision. */
export const APPROVAL_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export type ProposalChange =
  | {
      readonly kind: 'params';
      readonly strategy: string;
      readonly before: Readonly<Record<string, number | string | boolean>>;
      readonly after: Readonly<Record<string, number | string | boolean>>;
    }
  | {
      readonly kind: 'strategy';
      readonly fromStrategy: string;
      readonly toStrategy: string;
      readonly params: Readonly<Record<string, number | string | boolean>>;
    };

export interface WhatIfResult {
  readonly candles: number;
  readonly current: { readonly returnPct: number; readonly maxDrawdownPct: number; readonly trades: number };
  readonly proposed: { readonly returnPct: number; readonly maxDrawdownPct: number; readonly trades: number };
}

/** One side of a walk-forward check on one part: percents of starting equity, the bench's score, fills. */
export interface WalkForwardPartScore {
  readonly returnPct: number;
  readonly maxDrawdownPct: number;
  /** researchScore: returnPct / max(maxDrawdownPct, 0.01). */
  readonly score: number;
  readonly trades: number;
}

/**
 * The research bench's walk-forward score of the current and the proposed parameters on the same
 * recent cached candles: split in time (in-sample the earlier part, out-of-sample the later part,
 * warmed up from the end of the earlier one), each scored on both parts. Nothing was chosen on
 * these candles, so the out-of-sample figures are the ones to trust.
 */
export interface WalkForwardCheck {
  /** Primary candles in all, in the earlier part, in the later part. */
  readonly candles: number;
  readonly inSampleCandles: number;
  readonly outOfSampleCandles: number;
  readonly current: { readonly inSample: WalkForwardPartScore; readonly outOfSample: WalkForwardPartScore };
  readonly proposed: { readonly inSample: WalkForwardPartScore; readonly outOfSample: WalkForwardPartScore };
  /** The proposed out-of-sample score is strictly greater than the current one (the bench's "beats"). */
  readonly proposedBeatsCurrent: boolean;
}

export interface Approval {
  readonly id: number;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly status: ApprovalStatus;
  readonly change: ProposalChange;
  readonly reason: string;
  /** "llm:openai/gpt-4o-mini" or "rules". */
  readonly source: string;
  readonly whatIf: WhatIfResult | null;
  /** The walk-forward score of proposed vs current parameters; null when not available (too few candles, or it failed). */
  readonly walkForward: WalkForwardCheck | null;
  /** The pair a strategy change is for; null for an account-wide change (or one made before several pairs). */
  readonly symbol: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  readonly comment: string | null;
}
