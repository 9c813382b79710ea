import { describe, expect, it } from 'vitest';
import { isPending, whenReady } from './maybePromise.js';

describe('MaybePromise', () => {
  it('goes on at once with a value, and only after resolution with a promise or any thenable', async () => {
    expect(whenReady(2, (n) => n * 3)).toBe(6);
    const later = whenReady(Promise.resolve(2), (n) => n * 3);
    expect(isPending(later)).toBe(true);
    await expect(later).resolves.toBe(6);
    // A promise from another library: anything with a `then`.
    // biome-ignore lint/suspicious/noThenProperty: a thenable is exactly what this test needs
    const thenable = { then: (resolve: (n: number) => void) => resolve(5) } as unknown as Promise<number>;
    expect(isPending(thenable)).toBe(true);
    await expect(whenReady(thenable, (n) => n + 1)).resolves.toBe(6);
  });

  it('treats plain objects and null as values', () => {
    expect(isPending({ orders: [], fills: [] })).toBe(false);
    expect(isPending(null)).toBe(false);
    expect(whenReady({ free: '1' }, (b) => b.free)).toBe('1');
  });

  it('passes a rejection on instead of calling the next step', async () => {
    let called = false;
    const failed = whenReady(Promise.reject(new Error('exchange down')), () => {
      called = true;
    });
    await expect(failed).rejects.toThrow('exchange down');
    expect(called).toBe(false);
  });
});
