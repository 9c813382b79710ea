import { FatalExchangeError, TransientExchangeError, WardenError } from '@warden/core/errors/errors';
import { outageReason } from '../exchangeOutage.js';

export type ExchangeErrorKind = 'network' | 'timeout' | 'rate_limited' | 'banned' | 'server' | 'timestamp' | 'rejected' | 'other';

/**
 * The kind of a failed exchange request, for `warden_exchange_request_errors_total{kind}`:
 * network (refused, reset, DNS), timeout, rate_limited (429), banned (418), server (5xx),
 * timestamp (-1021, the clock drifted), rejected (the exchange refused the request: credentials,
 * symbol, filters), other.
 */
export function exchangeErrorKind(error: unknown): ExchangeErrorKind {
  const status = error instanceof WardenError ? error.context.status : undefined;
  if (status === 418) return 'banned';
  if (status === 429) return 'rate_limited';
  if (typeof status === 'number' && status >= 500) return 'server';
  if (error instanceof TransientExchangeError) {
    if (error.context.timestampRejected === true) return 'timestamp';
    const reason = outageReason(error);
    if (reason.includes('timed out')) return 'timeout';
    if (/\(E[A-Z_]+\)$/.test(reason)) return 'network';
    if (error.retryAfterMs !== null) return 'rate_limited';
    return 'network';
  }
  if (error instanceof FatalExchangeError) return /banned/i.test(error.message) ? 'banned' : 'rejected';
  return 'other';
}

/** A request governor (`RequestGovernor` of the Binance adapter) as far as counting its failures goes. */
export interface GovernedRequests {
  once<T>(label: string, request: () => Promise<T>): Promise<T>;
}

/**
 * Counts every failed attempt the governor makes (reads retry through `once`, so each retry
 * counts) without changing what it does: the error is rethrown as it was.
 */
export function countGovernorErrors(governor: GovernedRequests, count: (kind: ExchangeErrorKind) => void): void {
  const once = governor.once.bind(governor);
  governor.once = async <T>(label: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await once(label, request);
    } catch (error) {
      count(exchangeErrorKind(error));
      throw error;
    }
  };
}
