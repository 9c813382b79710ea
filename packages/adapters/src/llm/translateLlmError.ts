import { LlmOutputError, LlmProviderError, LlmTimeoutError } from '@warden/core/advisor/errors';
import { APICallError, NoObjectGeneratedError, NoOutputGeneratedError, RetryError } from 'ai';

const MAX_TEXT = 4000;

/**
 * Vendor errors become the advisor's three typed errors. Messages are rebuilt from the status and
 * the error's own message only: request bodies, headers and URLs (which could carry a key) are
 * never copied.
 */
export function translateLlmError(error: unknown, timeoutMs: number, signal: AbortSignal): Error {
  if (error instanceof LlmTimeoutError || error instanceof LlmProviderError || error instanceof LlmOutputError) return error;
  if (signal.aborted) return signal.reason instanceof LlmTimeoutError ? signal.reason : new LlmTimeoutError(timeoutMs);
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return new LlmTimeoutError(timeoutMs);
  if (NoObjectGeneratedError.isInstance(error)) {
    return new LlmOutputError(`the model's answer is not the requested JSON: ${error.message}`, error.text?.slice(0, MAX_TEXT) ?? null, {
      cause: error,
    });
  }
  if (NoOutputGeneratedError.isInstance(error)) return new LlmOutputError('the model produced no output', null, { cause: error });
  const last = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(last)) {
    return new LlmProviderError(
      `provider answered HTTP ${last.statusCode ?? 'error'}: ${last.message.slice(0, 300)}`,
      last.statusCode ?? null,
    );
  }
  return new LlmProviderError(`provider call failed: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
}
