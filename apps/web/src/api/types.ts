/**
 * Wire shapes of the Warden API. Everything core defines is imported from it as a type (nothing of
 * core is bundled), so the panel cannot drift from the server; only the API's own shapes live here.
 */

import type { LiveUpdate } from '@warden/core/app/liveUpdates';
import type { AdvisorRunResult, PairStatus, PairTransitionResult, SystemStatus, TimeframeReadiness } from '@warden/core/app/services';
import type { Role } from '@warden/core/config/schema';
import type { Approval, ApprovalStatus, ProposalChange, WalkForwardCheck, WhatIfResult } from '@warden/core/domain/approval';
import type { Candle, Timeframe } from '@warden/core/domain/market';
import type { EquitySnapshot, Fill, MetricsSnapshot, Order, OrderStatus, Position, Side, TradingMode } from '@warden/core/domain/orders';
import type { AuditEvent, AuditVerification } from '@warden/core/ports/auditLog';
import type { Page } from '@warden/core/ports/pagination';
import type { TradingState } from '@warden/core/state/tradingState';
import type { TunableParam } from '@warden/core/strategy/types';

export type {
  AdvisorRunResult,
  Approval,
  ApprovalStatus,
  AuditEvent,
  AuditVerification,
  Candle,
  EquitySnapshot,
  Fill,
  LiveUpdate,
  MetricsSnapshot,
  Order,
  OrderStatus,
  Page,
  PairStatus,
  PairTransitionResult,
  Position,
  ProposalChange,
  Role,
  Side,
  SystemStatus,
  Timeframe,
  TimeframeReadiness,
  TradingMode,
  TradingState,
  TunableParam,
  WalkForwardCheck,
  WhatIfResult,
};

/** An API account as `/api/users` shows it (never a password hash). */
export interface UserView {
  readonly username: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly updatedAt: number;
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

/** What GET /api/config returns. */
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

/**
 * One pair of the account in `GET /api/portfolio`. Quote amounts are in the account's quote asset;
 * `value` = base held × `price`; `allocationPct` = value / account equity × 100 (percent, 0–100).
 */
export interface PortfolioPair {
  readonly symbol: string;
  readonly strategy: string;
  /** What the pair's cycle sees: the account's state, or PAUSED when an operator paused this pair. */
  readonly state: TradingState;
  /** Whether an operator paused this pair itself (the account may be RUNNING). */
  readonly paused: boolean;
  /** Latest mark (quote per base); null before the pair's first cycle. */
  readonly price: number | null;
  readonly baseBalance: number;
  readonly value: number;
  readonly allocationPct: number;
  /** Exact decimal strings, quote units. */
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
  readonly trades: number;
  /** Fees paid, in quote units. */
  readonly feesPaid: number;
  readonly openOrders: number;
}

/** `GET /api/portfolio`: the whole account and each pair; the share not in any pair is held in `quote`. */
export interface Portfolio {
  /** The quote asset every pair shares, e.g. "USDT". */
  readonly quote: string;
  /** Account equity in quote units (quote balance + every pair's value). */
  readonly equity: number;
  readonly quoteBalance: number;
  /** Share of equity held in base assets, percent. */
  readonly exposurePct: number;
  /** When the newest snapshot behind these figures was written (ms); null before any cycle. */
  readonly time: number | null;
  readonly pairs: readonly PortfolioPair[];
}

/** One point of `GET /api/portfolio/equity`: the account's equity (quote units) at a cycle tick (ms). */
export interface PortfolioEquityPoint {
  readonly time: number;
  readonly equity: number;
}
