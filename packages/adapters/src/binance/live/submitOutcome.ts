import { FatalExchangeError, TransientExchangeError } from '@warden/core/errors/errors';
import { AuthenticationError, BadRequest, BadSymbol, InsufficientFunds, InvalidOrder, PermissionDenied } from 'ccxt';

/**
 * What a failed create-order means for the intent:
 * - `rejected`: Binance refused it before the matching engine (filters, balance, auth): no order exists.
 * - `resend_safe`: refused as a request (429 rate limit, -1021 timestamp): no order exists, and after
 *   waiting / resyncing the clock the same intent may be sent once more with the same client id.
 * - `banned`: 418 — stop sending and alert.
 * - `unknown`: anything else (timeout, reset, 5xx, -1007, "Duplicate order sent.", a garbled answer):
 *   the order may exist. It is looked up by client id, never resent.
 */
export type SubmitOutcome = 'rejected' | 'resend_safe' | 'banned' | 'unknown';

export function classifySubmitError(error: unknown): SubmitOutcome {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const message = error instanceof Error ? `${error.message} ${cause instanceof Error ? cause.message : ''}` : String(error);
  // Binance says -2010 "Duplicate order sent." when our client id is already open: the order exists.
  if (/Duplicate order sent/i.test(message)) return 'unknown';
  if (error instanceof FatalExchangeError && /\(418\)|banned/i.test(message)) return 'banned';
  if (error instanceof TransientExchangeError) {
    if (error.context.timestampRejected === true) return 'resend_safe';
    if (error.context.status === 429 || /rate limit/i.test(error.message)) return 'resend_safe';
    return 'unknown';
  }
  if (
    cause instanceof InsufficientFunds ||
    cause instanceof InvalidOrder ||
    cause instanceof BadSymbol ||
    cause instanceof AuthenticationError ||
    cause instanceof PermissionDenied
  )
    return 'rejected';
  // BadRequest covers -1013 and malformed parameters; ccxt's BadResponse (garbled body) is not one.
  if (cause instanceof BadRequest) return 'rejected';
  return 'unknown';
}
