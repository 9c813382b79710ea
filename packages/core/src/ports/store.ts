import type { Approval, ApprovalStatus, ProposalChange, WalkForwardCheck, WhatIfResult } from '../domain/approval.js';
import type { Candle, Timeframe } from '../domain/market.js';
import type { EquitySnapshot, Fill, MetricsSnapshot, Order, OrderStatus, Position } from '../domain/orders.js';
import type { AuditLog } from './auditLog.js';
import type { Page, PageRequest } from './pagination.js';

export interface TimeRange {
  readonly from?: number;
  readonly to?: number;
  /**
   * Only rows of this pair. Rows written before several pairs (symbol null) count as
   * `legacySymbol`'s when it is given — the pair a single-pair database traded.
   */
  readonly symbol?: string;
  readonly legacySymbol?: string;
}

export interface CandleGap {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** First missing open time. */
  readonly from: number;
  /** Last missing open time. */
  readonly to: number;
}

export interface CandleRepository {
  /** Inserts or replaces by (symbol, timeframe, openTime); returns rows written. */
  upsertMany(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): number;
  /** Candles with from ≤ openTime ≤ to, oldest first. */
  range(symbol: string, timeframe: Timeframe, from: number, to: number): Candle[];
  /** The newest `limit` candles with openTime ≤ before (default: all), oldest first. */
  latest(symbol: string, timeframe: Timeframe, limit: number, before?: number): Candle[];
  bounds(symbol: string, timeframe: Timeframe): { first: number; last: number; count: number } | null;
  /** Gaps the exchange itself has (confirmed by a refetch), so they are not fetched again or invented. */
  recordGap(gap: CandleGap): void;
  gaps(symbol: string, timeframe: Timeframe): CandleGap[];
}

export interface OrderFilter extends TimeRange {
  readonly symbol?: string;
  readonly status?: OrderStatus;
}

export interface OrderRepository {
  insert(order: Order): void;
  update(order: Order): void;
  byClientId(clientOrderId: string): Order | null;
  open(symbol: string): Order[];
  list(filter: OrderFilter, page: PageRequest): Page<Order>;
}

export interface FillFilter extends TimeRange {
  readonly symbol?: string;
  readonly clientOrderId?: string;
}

export interface FillRepository {
  /** Idempotent by trade id: returns false when the fill was already recorded. */
  insert(fill: Fill): boolean;
  list(filter: FillFilter, page: PageRequest): Page<Fill>;
  /** Every fill for the symbol, oldest first (metrics, restart recovery). */
  all(symbol: string): Fill[];
}

export interface PositionRepository {
  get(symbol: string): Position | null;
  upsert(position: Position): void;
  list(): Position[];
}

/** The account's equity at one cycle tick (quote asset, plain number). */
export interface EquityPoint {
  readonly time: number;
  readonly equity: number;
}

export interface EquityRepository {
  insert(snapshot: EquitySnapshot): void;
  latest(): EquitySnapshot | null;
  first(): EquitySnapshot | null;
  list(range: TimeRange, page: PageRequest): Page<EquitySnapshot>;
  /**
   * Equity values in time order since `from` (drawdown, daily loss); with `pair`, only the rows that
   * pair's cycle wrote (legacy rows included for the legacy pair, as in `TimeRange`).
   */
  series(from: number, pair?: Pick<TimeRange, 'symbol' | 'legacySymbol'>): Array<{ time: number; equity: number }>;
  /**
   * The account's equity curve, one point per cycle tick, newest first: at each `time` the row
   * written last (the pairs of a tick run in turn and each values the whole account, so the last
   * one saw every pair's trades). Paged by row id like `list`; `range.symbol` is ignored.
   */
  ticks(range: Pick<TimeRange, 'from' | 'to'>, page: PageRequest): Page<EquityPoint>;
}

export interface MetricsRepository {
  insert(snapshot: MetricsSnapshot): void;
  latest(): MetricsSnapshot | null;
  list(range: TimeRange, page: PageRequest): Page<MetricsSnapshot>;
}

export interface NewApproval {
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly change: ProposalChange;
  readonly reason: string;
  readonly source: string;
  readonly whatIf: WhatIfResult | null;
  /** Absent: null (no walk-forward check was run). */
  readonly walkForward?: WalkForwardCheck | null;
  /** The pair a strategy change is for (absent: null, account-wide). */
  readonly symbol?: string | null;
}

export interface ApprovalFilter {
  readonly status?: ApprovalStatus;
  readonly symbol?: string;
  readonly legacySymbol?: string;
}

export interface ApprovalDecision {
  readonly status: Exclude<ApprovalStatus, 'PENDING'>;
  readonly decidedBy: string;
  readonly decidedAt: number;
  readonly comment: string | null;
}

export interface ApprovalRepository {
  insert(approval: NewApproval): Approval;
  get(id: number): Approval | null;
  /** Moves a PENDING approval to a final status; returns null when it was no longer PENDING (already decided). */
  decide(id: number, decision: ApprovalDecision): Approval | null;
  /**
   * Newest first. `symbol`: only that pair's proposals; approvals without a pair (made before
   * several pairs) count as `legacySymbol`'s when it is given, as in `TimeRange`.
   */
  list(filter: ApprovalFilter, page: PageRequest): Page<Approval>;
  pendingExpiredAt(now: number): Approval[];
}

export interface ConfigEntry {
  readonly key: string;
  readonly value: unknown;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

/** Runtime settings that change while running (state, active strategy, its parameters, strategy state). */
export interface ConfigRepository {
  get<T = unknown>(key: string): T | null;
  entry(key: string): ConfigEntry | null;
  set(key: string, value: unknown, updatedBy: string, now: number): void;
  all(): ConfigEntry[];
}

/** Everything persistent, behind one port. `transaction` runs a unit of work atomically (nested calls join it). */
export interface Store {
  readonly candles: CandleRepository;
  readonly orders: OrderRepository;
  readonly fills: FillRepository;
  readonly positions: PositionRepository;
  readonly equity: EquityRepository;
  readonly metrics: MetricsRepository;
  readonly approvals: ApprovalRepository;
  readonly config: ConfigRepository;
  readonly audit: AuditLog;
  transaction<T>(work: () => T): T;
  /**
   * A token that changes whenever what is stored may have changed: any write through this store,
   * or a commit by another process to the same database. `null` while a transaction is open (its
   * writes may still be rolled back). Readers cache what they derive from the store against it
   * (see ControlServiceImpl.status). Optional: a store without it is simply read every time.
   */
  dataVersion?(): string | null;
}
