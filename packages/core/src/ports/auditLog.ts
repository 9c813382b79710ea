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

export type AuditVerification =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly count: number; readonly brokenAtId: number; readonly problem: string };

/** Append-only, hash-chained event log. */
export interface AuditLog {
  append(event: AuditEventInput): AuditEvent;
  list(filter: AuditFilter, page: PageRequest): Page<AuditEvent>;
  verify(): AuditVerification;
}
