import type { Page, PageRequest } from './pagination.js';

/** `system`, `user:<name>`, `advisor`, `telegram:<chat id>`. */
export type Actor = string;

export interface AuditEventInput {
  readonly time: number;
  readonly type: string;
  readonly actor: Actor;
  readonly reason: string;
  readonly inputs?: unknown;
  readonly outcome?: string;
  readonly correlationId?: string | null;
}

export interface AuditEvent {
  readonly id: number;
  readonly time: number;
  readonly type: string;
  readonly actor: Actor;
  readonly reason: string;
  readonly inputs: unknown;
  readonly outcome: string;
  readonly correlationId: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditFilter {
  readonly type?: string;
  readonly typePrefix?: string;
  readonly actor?: string;
  readonly correlationId?: string;
  readonly from?: number;
  readonly to?: number;
}

/** One row (or gap) of the chain that does not verify. */
export interface AuditBreak {
  /** The row that fails; for deleted rows, the first missing id. */
  readonly id: number;
  readonly problem: string;
}

/**
 * The result of re-checking the whole chain. `count` is the number of rows checked. When broken,
 * `broken` lists every broken row in id order (at most `AUDIT_BREAKS_LISTED`; `brokenCount` is
 * the full number), and `brokenAtId` / `problem` repeat the first of them.
 */
export type AuditVerification =
  | { readonly ok: true; readonly count: number }
  | {
      readonly ok: false;
      readonly count: number;
      readonly brokenAtId: number;
      readonly problem: string;
      readonly brokenCount: number;
      readonly broken: readonly AuditBreak[];
    };

/** How many broken rows a verification lists by name (a wholesale rewrite would list them all). */
export const AUDIT_BREAKS_LISTED = 1000;

/** Append-only, hash-chained event log. */
export interface AuditLog {
  append(event: AuditEventInput): AuditEvent;
  list(filter: AuditFilter, page: PageRequest): Page<AuditEvent>;
  verify(): AuditVerification;
}
