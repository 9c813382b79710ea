import { LlmTimeoutError } from './errors.js';

/**
 * Runs untrusted, slow work with a deadline: the signal tells the adapter to stop, and the race
 * makes sure the advisor moves on even if an adapter ignores its signal.
 */
export async function callWithTimeout<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new LlmTimeoutError(timeoutMs));
      reject(new LlmTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
