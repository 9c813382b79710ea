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
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  readonly comment: string | null;
}
