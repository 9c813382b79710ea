import { actorInputs } from '../app/actorInputs.js';
import type { ActorRef, AdvisorRunResult, AdvisorService } from '../app/services.js';
import { type ApprovalChannels, publishApproval } from '../approvals/publishApproval.js';
import type { Approval, ProposalChange, WalkForwardCheck, WhatIfResult } from '../domain/approval.js';
import { ForbiddenError, ValidationError, WardenError } from '../errors/errors.js';
import type { AuditEventInput } from '../ports/auditLog.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { roleAtLeast } from '../state/tradingState.js';
import type { StrategySettings } from '../strategy/types.js';
import { callWithTimeout } from './callWithTimeout.js';
import { type AdvisorContext, type AdvisorInput, buildAdvisorContext } from './context.js';
import { LlmOutputError, LlmTimeoutError } from './errors.js';
import { RULES_SOURCE, ruleProposals } from './fallbackRules.js';
import { type Candidate, type Dropped, filterProposals } from './filterProposals.js';
import type { LlmAdvisor, WalkForwardRunner, WhatIfRunner } from './llmAdvisorPort.js';
import { type ServiceLogger, silentLogger } from './logger.js';
import { buildAdvisorPrompt } from './prompt.js';
import { redactSecrets, redactText } from './redact.js';
import type { StrategyCatalog } from './strategyCatalog.js';

export interface AdvisorSettings {
  /** AI_FALLBACK_RULES */
  readonly fallbackRules: boolean;
  /** APPROVAL_TTL_MINUTES */
  readonly approvalTtlMinutes: number;
  /** AI_TIMEOUT_SECONDS × 1000 */
  readonly timeoutMs: number;
  /** AI_MAX_OUTPUT_TOKENS */
  readonly maxOutputTokens?: number;
}

export interface AdvisorDeps extends ApprovalChannels {
  readonly store: Store;
  readonly clock: Clock;
  readonly catalog: StrategyCatalog;
  /** null when AI_ENABLED=false: only the rules (if enabled) propose. */
  readonly llm: LlmAdvisor | null;
  readonly loadInput: (now: number) => AdvisorInput;
  readonly whatIf?: WhatIfRunner;
  /** The research bench's walk-forward score of proposed vs current parameters, stored beside the what-if. */
  readonly walkForward?: WalkForwardRunner;
  readonly settings: AdvisorSettings;
  /** Secret values (API keys, tokens) scrubbed from anything the advisor audits. */
  readonly secrets?: readonly string[];
  readonly logger?: ServiceLogger;
  readonly newRunId?: () => string;
  /** When given, proposals must also pass the strategy's own construction checks (e.g. the grid fee floor). */
  readonly strategySettings?: StrategySettings;
  /**
   * The pair this advisor proposes for (its `loadInput`, what-if and walk-forward read that pair):
   * every approval it saves carries it. Absent: approvals without a pair (one-pair wiring).
   */
  readonly symbol?: string;
  /** The pair pending approvals without a symbol belong to (duplicate check); default `symbol`. */
  readonly legacySymbol?: string;
}

type FallbackCause = 'disabled' | 'failed' | 'timeout' | 'malformed_output' | 'no_valid_output';

const ACTOR = 'advisor';

/**
 * One advisor run: context → model (with a deadline) → filter → rules if nothing valid came back →
 * what-if → PENDING approvals. Every step is an event with the run id as correlation id, so the
 * audit trail shows what the model was asked, what it said, what was dropped and why.
 */
export class AdvisorServiceImpl implements AdvisorService {
  readonly #d: AdvisorDeps;
  readonly #log: ServiceLogger;

  constructor(deps: AdvisorDeps) {
    this.#d = deps;
    this.#log = deps.logger ?? silentLogger;
  }

  async run(actor: ActorRef, symbol?: string): Promise<AdvisorRunResult> {
    if (!roleAtLeast(actor.role, 'operator')) throw new ForbiddenError('running the advisor needs role operator', { role: actor.role });
    const { store, clock, catalog, llm, settings } = this.#d;
    if (symbol !== undefined && this.#d.symbol !== undefined && symbol !== this.#d.symbol)
      throw new ValidationError(`this advisor proposes for ${this.#d.symbol}, not ${symbol}`, 'symbol');
    const runId = this.#d.newRunId?.() ?? `advisor-${globalThis.crypto.randomUUID()}`;
    const audit = (type: string, reason: string, inputs: unknown, outcome = 'ok') =>
      this.#audit({
        time: clock.now(),
        type,
        actor: ACTOR,
        reason,
        inputs: redactSecrets(inputs, this.#d.secrets),
        outcome,
        correlationId: runId,
      });

    const context = buildAdvisorContext(this.#d.loadInput(clock.now()), catalog);
    audit('advisor.context_built', `advisor run requested by ${actor.id}`, {
      ...(this.#d.symbol !== undefined ? { symbol: this.#d.symbol } : {}),
      requestedBy: actor.id,
      ...actorInputs(actor),
      market: context.market,
      performance: context.performance,
      strategy: context.strategy.name,
      params: context.strategy.params,
    });

    let candidates: readonly Candidate[] = [];
    let dropped: Dropped[] = [];
    let source = llm?.source ?? RULES_SOURCE;
    let cause: FallbackCause = 'disabled';
    if (llm) {
      const result = await this.#askModel(llm, context, audit);
      candidates = result.accepted;
      dropped = [...result.dropped];
      cause = result.cause;
    }

    if (candidates.length === 0 && settings.fallbackRules) {
      const output = ruleProposals(context);
      const filtered = filterProposals(output, context, catalog, this.#d.strategySettings);
      candidates = filtered.accepted;
      dropped.push(...filtered.dropped);
      source = RULES_SOURCE;
      audit(
        'advisor.fallback_used',
        `fallback rules used: ${cause}`,
        { cause, proposals: output.proposals, accepted: filtered.accepted.length, dropped: filtered.dropped },
        filtered.accepted.length > 0 ? 'proposed' : 'nothing_to_propose',
      );
    }

    const saved: Approval[] = [];
    const mine = this.#d.symbol;
    const pending = store.approvals.list(
      { status: 'PENDING', ...(mine !== undefined ? { symbol: mine, legacySymbol: this.#d.legacySymbol ?? mine } : {}) },
      { limit: 100 },
    ).items;
    for (const candidate of candidates) {
      if (pending.some((p) => sameChange(p.change, candidate.change))) {
        dropped.push({ proposal: null, reason: 'no_change', detail: 'identical to a pending approval' });
        audit('advisor.duplicate_skipped', 'an identical proposal is already pending', { change: candidate.change });
        continue;
      }
      const whatIf = await this.#whatIf(candidate.change, audit);
      const walkForward = await this.#walkForward(candidate.change, audit);
      const approval = this.#save(candidate, source, { whatIf, walkForward }, runId, actor);
      publishApproval(this.#d, approval, clock.now(), 'waiting for a decision');
      saved.push(approval);
    }
    audit(
      'advisor.completed',
      `advisor run finished: ${saved.length} saved, ${dropped.length} dropped`,
      { ...(mine !== undefined ? { symbol: mine } : {}), source, saved: saved.map((a) => a.id), dropped: dropped.length },
      saved.length > 0 ? 'proposed' : 'nothing_saved',
    );
    return { saved, dropped: dropped.length, source };
  }

  async #askModel(
    llm: LlmAdvisor,
    context: AdvisorContext,
    audit: (type: string, reason: string, inputs: unknown, outcome?: string) => void,
  ): Promise<{ accepted: readonly Candidate[]; dropped: readonly Dropped[]; cause: FallbackCause }> {
    const { settings, catalog } = this.#d;
    const prompt = buildAdvisorPrompt(context, settings.maxOutputTokens);
    audit('advisor.provider_called', `asking ${llm.source}`, {
      source: llm.source,
      timeoutMs: settings.timeoutMs,
      maxOutputTokens: settings.maxOutputTokens ?? null,
      promptChars: prompt.system.length + prompt.user.length,
    });
    let raw: unknown;
    try {
      raw = await callWithTimeout((signal) => llm.port.propose(prompt, signal), settings.timeoutMs);
    } catch (error) {
      const cause: FallbackCause =
        error instanceof LlmTimeoutError ? 'timeout' : error instanceof LlmOutputError ? 'malformed_output' : 'failed';
      const code = error instanceof WardenError ? error.code : 'LLM_UNEXPECTED';
      const message = redactText(error instanceof Error ? error.message : String(error), this.#d.secrets);
      const rawText = error instanceof LlmOutputError ? error.rawText : null;
      this.#log.warn({ source: llm.source, code, message }, 'advisor model call failed');
      audit('advisor.provider_failed', `${llm.source}: ${message}`, { source: llm.source, code, rawOutput: rawText }, cause);
      return { accepted: [], dropped: [], cause };
    }
    audit('advisor.output_received', `answer from ${llm.source}`, { source: llm.source, rawOutput: raw });
    const filtered = filterProposals(raw, context, catalog, this.#d.strategySettings);
    audit(
      'advisor.filtered',
      `${filtered.accepted.length} proposal(s) kept, ${filtered.dropped.length} item(s) dropped`,
      {
        source: llm.source,
        accepted: filtered.accepted,
        dropped: filtered.dropped,
        ...(filtered.dropped.length > 0 ? { rawOutput: raw } : {}),
      },
      filtered.dropped.length > 0 ? 'dropped' : 'clean',
    );
    return { ...filtered, cause: 'no_valid_output' };
  }

  async #whatIf(
    change: ProposalChange,
    audit: (type: string, reason: string, inputs: unknown, outcome?: string) => void,
  ): Promise<WhatIfResult | null> {
    if (!this.#d.whatIf) return null;
    try {
      return await this.#d.whatIf(change);
    } catch (error) {
      // The what-if is advice for the operator; a failing backtest must not lose the proposal.
      const message = redactText(error instanceof Error ? error.message : String(error), this.#d.secrets);
      this.#log.warn({ message }, 'what-if check failed');
      audit('advisor.what_if_failed', message, { change }, 'failed');
      return null;
    }
  }

  async #walkForward(
    change: ProposalChange,
    audit: (type: string, reason: string, inputs: unknown, outcome?: string) => void,
  ): Promise<WalkForwardCheck | null> {
    if (!this.#d.walkForward) return null;
    try {
      return await this.#d.walkForward(change);
    } catch (error) {
      // Like the what-if, the score is advice: a failing check must not lose the proposal.
      const message = redactText(error instanceof Error ? error.message : String(error), this.#d.secrets);
      this.#log.warn({ message }, 'walk-forward check failed');
      audit('advisor.walk_forward_failed', message, { change }, 'failed');
      return null;
    }
  }

  #save(
    candidate: Candidate,
    source: string,
    checks: { readonly whatIf: WhatIfResult | null; readonly walkForward: WalkForwardCheck | null },
    runId: string,
    actor: ActorRef,
  ): Approval {
    const { whatIf, walkForward } = checks;
    const { store, clock, settings } = this.#d;
    const now = clock.now();
    return store.transaction(() => {
      const reason = redactText(candidate.reason, this.#d.secrets);
      const approval = store.approvals.insert({
        createdAt: now,
        expiresAt: now + settings.approvalTtlMinutes * 60_000,
        change: candidate.change,
        reason,
        source,
        whatIf,
        walkForward,
        symbol: this.#d.symbol ?? null,
      });
      store.audit.append({
        time: now,
        type: 'approval.created',
        actor: ACTOR,
        reason,
        inputs: {
          approvalId: approval.id,
          symbol: approval.symbol,
          change: approval.change,
          source,
          whatIf,
          walkForward,
          expiresAt: approval.expiresAt,
          requestedBy: actor.id,
          ...actorInputs(actor),
        },
        outcome: 'PENDING',
        correlationId: runId,
      });
      return approval;
    });
  }

  #audit(event: AuditEventInput): void {
    this.#d.store.audit.append(event);
  }
}

function sameChange(a: ProposalChange, b: ProposalChange): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
