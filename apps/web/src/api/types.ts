/** Wire shapes of the Warden API. Domain types come from core (type-only: nothing of core is bundled). */
import type { Approval, ApprovalStatus, ProposalChange, WhatIfResult } from '@warden/core/domain/approval';
import type { Candle, Timeframe } from '@warden/core/domain/market';
import type { EquitySnapshot, Fill, MetricsSnapshot, Order, OrderStatus, Position, Side, TradingMode } from '@warden/core/domain/orders';

export type {
  Approval,
  ApprovalStatus,
  Candle,
  EquitySnapshot,
  Fill,
  MetricsSnapshot,
  Order,
  OrderStatus,
  Position,
  ProposalChange,
  Side,
  Timeframe,
  TradingMode,
  WhatIfResult,
};

export type Role = 'viewer' | 'operator' | 'admin';
export type TradingState = 'RUNNING' | 'PAUSED' | 'EMERGENCY_STOP';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: number | null;
}

export interface Me {
  readonly username: string;
  readonly role: Role;
  readonly authEnabled?: boolean;
}

export interface LoginResult {
  readonly token: string;
  readonly role: Role;
  readonly expiresAt: number | string;
}

export interface TimeframeReadiness {
  readonly timeframe: Timeframe;
  readonly required: number;
  readonly available: number;
  readonly ready: boolean;
}

export interface SystemStatus {
  readonly state: TradingState;
  readonly schedulerRunning: boolean;
  readonly mode: TradingMode;
  readonly symbol: string;
  readonly strategy: string;
  readonly timeframes: readonly Timeframe[];
  readonly dataReady: boolean;
  readonly dataReadiness: readonly TimeframeReadiness[];
  readonly lastCycleAt: number | null;
  readonly lastCycleId: string | null;
  readonly cycleCount: number;
  readonly lastError: string | null;
  readonly version: string;
  readonly startedAt: number;
  /** The bot's clock (exchange time), for countdowns. */
  readonly serverTime?: number;
}

export interface AuditEvent {
  readonly id: number;
  readonly time: number;
  readonly type: string;
  readonly actor: string;
  readonly reason: string;
  readonly inputs: unknown;
  readonly outcome: string;
  readonly correlationId: string | null;
  readonly hash: string;
}

export type AuditVerification =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly count: number; readonly brokenAtId: number; readonly problem: string };

export interface TunableParam {
  readonly key: string;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly description?: string;
}

/** One grid level from the strategy's describe(); `side` is BUY below the last filled level, SELL above, NONE at it. */
export interface GridLevel {
  readonly price: number;
  readonly side: string;
  readonly index?: number;
}

export interface StrategyInfo {
  readonly name: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly tunable: readonly TunableParam[];
  readonly describe: Readonly<Record<string, unknown>> | null;
}

export interface AdvisorRunResult {
  readonly saved: readonly Approval[];
  readonly dropped: number;
  readonly source: string;
}

/** Payload of one Server-Sent Event from /api/stream. */
export interface LiveUpdate {
  readonly kind: 'state' | 'scheduler' | 'cycle' | 'order' | 'fill' | 'approval' | 'event' | 'equity';
  readonly time: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface ConfigView {
  /** Environment settings; secrets are "[redacted]" (or null when unset). */
  readonly env: Readonly<Record<string, unknown>>;
  /** The config table: state, active strategy, parameters — with who changed each and when. */
  readonly runtime: ReadonlyArray<{
    readonly key: string;
    readonly value: unknown;
    readonly updatedAt: number;
    readonly updatedBy: string;
  }>;
}
