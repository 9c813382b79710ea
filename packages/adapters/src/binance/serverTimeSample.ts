/**
 * One reading of the exchange's clock: Binance's `serverTime` (ms since epoch) and the local times
 * (same unit, from the clock's `localNow`) just before that request went out and just after its
 * answer came back. The server stamped its time somewhere between the two, so the offset taken at
 * the midpoint is off by at most half the round trip (`receivedAt − sentAt`).
 */
export interface ServerTimeSample {
  readonly serverTime: number;
  readonly sentAt: number;
  readonly receivedAt: number;
}

/**
 * Reads the server time once. When the request is retried (5xx, Retry-After, backoff), the sample
 * must be stamped around the single attempt that answered: the failed attempts and the waits
 * between them are not part of its round trip.
 */
export type ServerTimeSampler = (localNow: () => number) => Promise<ServerTimeSample>;

export function roundTripMs(sample: ServerTimeSample): number {
  return sample.receivedAt - sample.sentAt;
}

/** A sampler for a plain call that is never retried (tests, tools): the call is the attempt. */
export function sampleEachCall(fetchServerTime: () => Promise<number>): ServerTimeSampler {
  return async (localNow) => {
    const sentAt = localNow();
    const serverTime = await fetchServerTime();
    return { serverTime, sentAt, receivedAt: localNow() };
  };
}
