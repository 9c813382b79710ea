import type { ProposalChange, WalkForwardCheck, WhatIfResult } from '../domain/approval.js';

/**
 * What the advisor sends to a language model. `system` holds the rules; `user` holds the context,
 * with every piece of market data and earlier output fenced as data. `outputSchema` is the JSON
 * Schema the provider is asked to follow (structured output); core still filters the answer.
 */
export interface AdvisorPrompt {
  readonly system: string;
  readonly user: string;
  readonly outputName: string;
  readonly outputSchema: Readonly<Record<string, unknown>>;
  readonly maxOutputTokens?: number;
}

/**
 * A language model behind the advisor. Returns the parsed JSON exactly as the model produced it
 * (untrusted: core filters it); throws LlmProviderError, LlmTimeoutError or LlmOutputError.
 */
export interface LlmAdvisorPort {
  propose(prompt: AdvisorPrompt, signal: AbortSignal): Promise<unknown>;
}

/** A configured model and the source label its proposals carry ("llm:openai/gpt-4o-mini"). */
export interface LlmAdvisor {
  readonly port: LlmAdvisorPort;
  readonly source: string;
}

/**
 * Backtests the current and the proposed parameters over recent cached candles so the operator
 * sees the expected effect before deciding; null when there is not enough data.
 */
export type WhatIfRunner = (change: ProposalChange) => Promise<WhatIfResult | null>;

/**
 * Scores the current and the proposed parameters with the research bench's walk-forward on recent
 * cached candles (see `walkForwardCheck`); null when there is not enough data.
 */
export type WalkForwardRunner = (change: ProposalChange) => Promise<WalkForwardCheck | null>;
