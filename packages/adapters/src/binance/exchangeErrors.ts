import { FatalExchangeError, TransientExchangeError, WardenError } from '@warden/core/errors/errors';
import {
  AccountSuspended,
  AuthenticationError,
  BadSymbol,
  DDoSProtection,
  InvalidNonce,
  NetworkError,
  PermissionDenied,
  RequestTimeout,
} from 'ccxt';

/**
 * Translates what ccxt throws into Warden's typed errors, so callers decide by type: transient ones
 * are retried, fatal ones stop the scheduler. Errors that are already typed (429/418/5xx/-1021, see
 * BinanceExchange.handleErrors) pass through unchanged.
 */
export function translateExchangeError(error: unknown, label: string): WardenError {
  if (error instanceof WardenError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const ctx = { request: label };
  // 429/418 are normally typed in BinanceExchange.handleErrors with their Retry-After; this is the fallback.
  if (error instanceof DDoSProtection) return new TransientExchangeError(`Binance rate limit during ${label}`, null, ctx, { cause: error });
  // -1021: our timestamp is outside recvWindow; retry after the clock resyncs.
  if (error instanceof InvalidNonce)
    return new TransientExchangeError(
      `Binance rejected the request timestamp during ${label}`,
      null,
      { ...ctx, timestampRejected: true },
      { cause: error },
    );
  if (error instanceof RequestTimeout)
    return new TransientExchangeError(`Binance did not answer in time during ${label}`, null, ctx, { cause: error });
  if (error instanceof NetworkError)
    return new TransientExchangeError(`Binance unreachable or failing during ${label}: ${message}`, null, ctx, { cause: error });
  if (error instanceof AuthenticationError || error instanceof PermissionDenied || error instanceof AccountSuspended) {
    return new FatalExchangeError(`Binance refused the credentials during ${label}: ${message}`, ctx, { cause: error });
  }
  if (error instanceof BadSymbol)
    // Marked, so that start-up can name the pair in TRADING_SYMBOLS instead of retrying (see isUnknownSymbol).
    return new FatalExchangeError(
      `Binance does not know the symbol in ${label}: ${message}`,
      { ...ctx, unknownSymbol: true },
      { cause: error },
    );
  return new FatalExchangeError(`Binance error during ${label}: ${message}`, ctx, { cause: error });
}

/** True for Binance's -1121 "Invalid symbol": the pair is not listed (a setting to change, not an outage). */
export function isUnknownSymbol(error: unknown): error is FatalExchangeError {
  return error instanceof FatalExchangeError && error.context.unknownSymbol === true;
}

export function isTimestampRejected(error: unknown): boolean {
  return error instanceof TransientExchangeError && error.context.timestampRejected === true;
}
