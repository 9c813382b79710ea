/**
 * Wire shapes of the Warden API. Everything core defines is imported from it as a type (nothing of
 * core is bundled), so the panel cannot drift from the server; only the API's own shapes live here.
 */

import type { LiveUpdate } from '@warden/core/app/liveUpdates';
import type { PairHoldingView, PortfolioView } from '@warden/core/app/portfolioView';
import type { AdvisorRunResult, PairStatus, PairTransitionResult, SystemStatus, TimeframeReadiness } from '@warden/core/app/services';
import type { Role } from '@warden/core/config/schema';
import type { Approval, ApprovalStatus, ProposalChange, WalkForwardCheck, WhatIfResult } from '@warden/core/domain/approval';
import type { Candle, Timeframe } from '@warden/core/domain/market';
import type { EquitySnapshot, Fill, MetricsSnapshot, Order, OrderStatus, Position, Side, TradingMode } from '@warden/core/domain/orders';
import type { AuditEvent, AuditVerification } from '@warden/core/ports/auditLog';
import type { Page } from '@warden/core/ports/pagination';
import type { EquityPoint } from '@warden/core/ports/store';
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

/** GET /api/strategy?symbol=: one pair's strategy. */
export interface StrategyInfo {
  /** The pair this strategy trades. */
  readonly symbol: string;
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

/** `GET /api/portfolio`: the whole account and each pair's holding; the share not in any pair is held in `quote`. */
export type Portfolio = PortfolioView;
/** One pair of `GET /api/portfolio`: state, strategy, value (quote units), allocationPct (percent of equity), PnL, trades, fees, open orders. */
export type PortfolioPair = PairHoldingView;
/** One point of `GET /api/portfolio/equity`: the account's equity (quote units) at a cycle tick (ms). */
export type PortfolioEquityPoint = EquityPoint;
