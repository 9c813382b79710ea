import { describe, expect, it } from 'vitest';
import { callWithTimeout } from './callWithTimeout.js';
import { LlmTimeoutError } from './errors.js';

describe('callWithTimeout', () => {
  it('aborts the signal and rejects with LlmTimeoutError when the work never ends', async () => {
    let seen: AbortSignal | null = null;
    const hang = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<never>(() => {});
    };
    await expect(callWithTimeout(hang, 20)).rejects.toBeInstanceOf(LlmTimeoutError);
    expect((seen as AbortSignal | null)?.aborted).toBe(true);
  });

  it('returns the result of work that finishes', async () => {
    await expect(callWithTimeout(async () => 42, 1000)).resolves.toBe(42);
  });
});
