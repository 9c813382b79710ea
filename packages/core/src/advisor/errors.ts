import { WardenError } from '../errors/errors.js';

/**
 * Why a model gave no usable answer. The advisor treats all three the same way (fall back to the
 * rules when enabled) but audits which one happened. Messages never carry keys: adapters build them
 * from status codes and redacted text only.
 */
export class LlmProviderError extends WardenError {
  constructor(
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super('LLM_PROVIDER_FAILED', message, { status }, options);
  }
}

export class LlmTimeoutError extends WardenError {
  constructor(readonly timeoutMs: number) {
    super('LLM_TIMEOUT', `the model did not answer within ${timeoutMs} ms`, { timeoutMs });
  }
}

/** The model answered, but not with JSON matching the requested structure. `rawText` is what it said (untrusted). */
export class LlmOutputError extends WardenError {
  constructor(
    message: string,
    readonly rawText: string | null,
    options?: { cause?: unknown },
  ) {
    super('LLM_OUTPUT_INVALID', message, {}, options);
  }
}
