/**
 * What a port answers: a value when it has one at hand (the paper broker, a replayed feed), a promise
 * when it must ask the network. A backtest runs 525,600 cycles a year of 1m candles, and a promise
 * per step of each is a large part of its time, so the cycle only waits when a port makes it.
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Whether a port's answer is still to come: a native promise (checked first, the common case) or
 * any other thenable an adapter's library may hand back.
 */
export function isPending<T>(value: MaybePromise<T>): value is Promise<T> {
  return (
    value instanceof Promise || (typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function')
  );
}

/** `next(value)` now when `value` is at hand, after it resolves otherwise. */
export function whenReady<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPending(value) ? Promise.resolve(value).then(next) : next(value);
}
