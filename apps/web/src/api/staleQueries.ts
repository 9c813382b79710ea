import type { LiveUpdate } from './types';

/** Which cached resources (query-key prefixes, see queries.ts) each kind of live update makes stale. */
export const STALE: Record<LiveUpdate['kind'], readonly string[]> = {
  state: ['status', 'events', 'portfolio'],
  scheduler: ['status', 'events'],
  cycle: ['status', 'metrics', 'candles', 'strategy', 'positions', 'events', 'portfolio', 'portfolio-equity'],
  order: ['orders', 'portfolio'],
  fill: ['fills', 'positions', 'candles', 'portfolio'],
  approval: ['approvals', 'strategy', 'config'],
  event: ['events', 'events-verify'],
  equity: ['metrics', 'portfolio', 'portfolio-equity'],
};

/** The pair a query is about: the key's second element as a symbol, or a filter object's `symbol`; undefined for every pair. */
function scopeOf(key: readonly unknown[]): string | undefined {
  const scope = key[1];
  if (typeof scope === 'string') return scope || undefined;
  if (scope && typeof scope === 'object' && 'symbol' in scope) {
    const symbol = (scope as { symbol?: unknown }).symbol;
    return typeof symbol === 'string' && symbol ? symbol : undefined;
  }
  return undefined;
}

/**
 * Whether a live update makes a cached query stale. An update about one pair (its `data.symbol`:
 * a pair's cycle, fill or pause) refreshes that pair's data and data of every pair (the portfolio,
 * an unfiltered table), never another pair's chart — with many pairs each cycle would otherwise
 * refetch every open pair's candles once per pair.
 */
export function isStale(update: Pick<LiveUpdate, 'kind' | 'data'>, queryKey: readonly unknown[]): boolean {
  const prefix = queryKey[0];
  if (typeof prefix !== 'string' || !(STALE[update.kind] ?? []).includes(prefix)) return false;
  const symbol = typeof update.data?.symbol === 'string' ? update.data.symbol : undefined;
  const scope = scopeOf(queryKey);
  return symbol === undefined || scope === undefined || scope === symbol;
}
