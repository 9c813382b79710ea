import { ValidationError } from '@warden/core/errors/errors';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';

/** A pair as the API takes it: `BASE/QUOTE` (URL-encoded `BTC%2FUSDT` in a query). */
export const symbolSchema = z.string().regex(/^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/, 'expected BASE/QUOTE, e.g. BTC/USDT');

/** The traded pairs, in TRADING_SYMBOLS order. */
export function tradedPairs(deps: Pick<ApiDeps, 'config'>): readonly string[] {
  return deps.config.tradingSymbols;
}

/** The pair rows written before several pairs (symbol null) belong to: see `TimeRange.legacySymbol`. */
export function legacyPair(deps: Pick<ApiDeps, 'config' | 'legacySymbol'>): string {
  return deps.legacySymbol ?? (deps.config.tradingSymbols[0] as string);
}

/**
 * `symbol` when it is one of the traded pairs; a 400 naming `field` (`query.symbol`, `body.symbol`)
 * otherwise, so a typo never reads as "no data" and an action never targets a pair not traded.
 * Undefined stays undefined (every pair, or the route's default).
 */
export function tradedPair(deps: Pick<ApiDeps, 'config'>, symbol: string | undefined, field: string): string | undefined {
  if (symbol === undefined) return undefined;
  const pairs = tradedPairs(deps);
  if (!pairs.includes(symbol))
    throw new ValidationError(`${field}: ${symbol} is not one of the traded pairs (${pairs.join(', ')})`, field, { symbol });
  return symbol;
}

/** The pair a route shows when none is named: the first of TRADING_SYMBOLS. */
export function pairOrFirst(deps: Pick<ApiDeps, 'config'>, symbol: string | undefined, field: string): string {
  return tradedPair(deps, symbol, field) ?? (tradedPairs(deps)[0] as string);
}
