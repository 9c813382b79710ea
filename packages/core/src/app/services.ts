import type { Role } from '../config/schema.js';
import type { Approval } from '../domain/approval.js';
import type { Timeframe } from '../domain/market.js';
import type { TradingMode } from '../domain/orders.js';
import type { CancelReport } from '../ports/broker.js';
import type { PairCommand, PairState } from '../state/pairState.js';
import type { TradingState, TransitionCommand } from '../state/tradingState.js';

/**
 * The application service layer. HTTP routes, Telegram commands and the CLI are thin transports
 * over these interfaces: no action is implemented twice.
 */

/**
 * The person behind an actor several people share: in a Telegram group chat the actor is the chat
 * (`telegram:<chat id>`), and this is the message's `from` — the user's numeric id and @username
 * (null when the user has none; usernames can change, the id cannot).
 */
export interface ActorSender {
  readonly id: number;
  readonly username: string | null;
}

/** Who acts: `user:<name>`, `telegram:<chat id>`, `system`, `advisor`; and with which role. */
export interface ActorRef {
  readonly id: string;
  readonly role: Role | 'system';
  /** Set for Telegram: who sent the command or pressed the button. Audit events record it as `inputs.from` (see `actorInputs`). */
  readonly from?: ActorSender;
}

export interface TimeframeReadiness {
  /** The pair (with several pairs; absent when one pair is traded). */
  readonly symbol?: string;
  readonly timeframe: Timeframe;
  readonly required: number;
  readonly available: number;
  readonly ready: boolean;
}

/** One traded pair as the status shows it. */
export interface PairStatus {
  readonly symbol: string;
  readonly strategy: string;
  /** What the pair's cycle sees: the account's state, or PAUSED when an operator paused this pair. */
  readonly state: TradingState;
  /** Whether an operator paused this pair (the account may be RUNNING). */
  readonly paused: boolean;
  readonly dataReady: boolean;
}

/** A pair's pause or resume. */
export interface PairTransitionResult {
  readonly symbol: string;
  readonly from: PairState;
  readonly to: PairState;
}

export interface SystemStatus {
  readonly state: TradingState;
  readonly schedulerRunning: boolean;
  readonly mode: TradingMode;
  /** The first traded pair (TRADING_SYMBOLS[0]); every pair is in `pairs`. */
  readonly symbol: string;
  readonly strategy: string;
  /** Every traded pair, in TRADING_SYMBOLS order. */
  readonly pairs: readonly PairStatus[];
  readonly timeframes: readonly Timeframe[];
  readonly dataReady: boolean;
  readonly dataReadiness: readonly TimeframeReadiness[];
  readonly lastCycleAt: number | null;
  readonly lastCycleId: string | null;
  readonly cycleCount: number;
  readonly lastError: string | null;
  readonly version: string;
  readonly startedAt: number;
  /** The bot's clock (the exchange's time in paper and live), so clients can show countdowns in it. */
  readonly serverTime: number;
}

export interface TransitionResult {
  readonly from: TradingState;
  readonly to: TradingState;
  /** Set by an emergency stop: the open orders it canceled and those it could not. */
  readonly cancellation?: CancelReport;
}

export interface ControlService {
  status(): SystemStatus;
  /** Audited; throws IllegalTransitionError (role too low, wrong state, missing reason). */
  transition(command: TransitionCommand, actor: ActorRef, reason: string): Promise<TransitionResult>;
  /** Throws InsufficientDataError (naming the short timeframes) when TRADING_REQUIRE_DATA_READY and warm-up is incomplete. */
  startScheduler(actor: ActorRef): Promise<void>;
  stopScheduler(actor: ActorRef): Promise<void>;
  /**
   * Pauses or resumes one pair (an operator's action, audited as `state.pair_paused` /
   * `state.pair_resumed`); the other pairs carry on. Throws ValidationError (field `symbol`) for a
   * pair not traded, IllegalTransitionError when the role is too low or the pair is already there.
   */
  setPairState(symbol: string, command: PairCommand, actor: ActorRef, reason: string): Promise<PairTransitionResult>;
}

export interface ApprovalService {
  /**
   * Newest first. `symbol`: only that pair's proposals (with several pairs, those made before them —
   * symbol null — count as the legacy pair's).
   */
  list(
    filter: { readonly status?: Approval['status']; readonly symbol?: string },
    page: { readonly limit: number; readonly cursor?: number },
  ): { items: readonly Approval[]; nextCursor: number | null };
  get(id: number): Approval | null;
  /** Re-validates against current bounds and applies atomically; ConflictError (409) when already decided or expired. */
  approve(id: number, actor: ActorRef, comment: string | null): Promise<Approval>;
  reject(id: number, actor: ActorRef, comment: string | null): Promise<Approval>;
}

export interface AdvisorRunResult {
  /** The proposals saved as PENDING approvals, each naming its pair (`symbol`). */
  readonly saved: readonly Approval[];
  readonly dropped: number;
  /** Where the proposals came from ("rules", "llm:openai/gpt-4o-mini"); several pairs' differing sources joined with ", ". */
  readonly source: string;
  /** Pairs whose run failed while the others ran (absent or empty: none). */
  readonly failed?: ReadonlyArray<{ readonly symbol: string; readonly error: string }>;
}

export interface AdvisorService {
  /**
   * One advisor run (operator or system). `symbol`: only that pair (ValidationError, field
   * `symbol`, when it is not traded); absent: every traded pair, one after the other.
   */
  run(actor: ActorRef, symbol?: string): Promise<AdvisorRunResult>;
}
