import { LAST_DECIDED_KEY } from '../cycle/cycleCore.js';
import type { ConfigEntry, ConfigRepository, Store } from '../ports/store.js';
import { PAIR_STATE_KEY } from '../state/pairState.js';

/**
 * Config keys that belong to one pair: its strategy (name, parameters, state, the environment's
 * seed), the last candle its cycle decided on, and its own pause switch. Everything else (trading state, the paper
 * account, sequences, the heartbeat) is the account's and shared.
 */
export function isPairConfigKey(key: string): boolean {
  return key.startsWith('strategy.') || key === LAST_DECIDED_KEY || key === PAIR_STATE_KEY;
}

/** Where one pair's key is stored: `pair.BTC/USDT.strategy.params.grid`. */
export function pairConfigKey(symbol: string, key: string): string {
  return `pair.${symbol}.${key}`;
}

/** The pair a stored key belongs to, and the key within the pair; null for account keys. */
export function splitPairConfigKey(stored: string): { readonly symbol: string; readonly key: string } | null {
  const m = /^pair\.([^.]+\/[^.]+)\.(.+)$/.exec(stored);
  return m ? { symbol: m[1] as string, key: m[2] as string } : null;
}

/**
 * The store as one pair's cycle, strategy host and advisor see it: its own config keys (strategy,
 * parameters, state, last decision) under `pair.<symbol>.`, everything else shared. The same code
 * that ran one pair runs each of several; orders, fills and positions are already keyed by symbol.
 */
export function pairStore(store: Store, symbol: string): Store {
  const config: ConfigRepository = {
    get: <T>(key: string) => store.config.get<T>(isPairConfigKey(key) ? pairConfigKey(symbol, key) : key),
    entry: (key: string) => store.config.entry(isPairConfigKey(key) ? pairConfigKey(symbol, key) : key),
    set: (key: string, value: unknown, updatedBy: string, now: number) =>
      store.config.set(isPairConfigKey(key) ? pairConfigKey(symbol, key) : key, value, updatedBy, now),
    all: (): ConfigEntry[] =>
      store.config.all().flatMap((e) => {
        const split = splitPairConfigKey(e.key);
        if (split === null) return isPairConfigKey(e.key) ? [] : [e];
        return split.symbol === symbol ? [{ ...e, key: split.key }] : [];
      }),
  };
  return {
    candles: store.candles,
    orders: store.orders,
    fills: store.fills,
    positions: store.positions,
    equity: store.equity,
    metrics: store.metrics,
    approvals: store.approvals,
    config,
    audit: store.audit,
    transaction: (work) => store.transaction(work),
  };
}

/** Config key recording that a single-pair database's keys were moved under their pair. */
export const PAIR_KEYS_MIGRATED_KEY = 'storage.pair_keys_migrated';

/**
 * The one-time move of a single-pair database's strategy keys under its pair (`strategy.params.grid`
 * → `pair.BTC/USDT.strategy.params.grid`), so a database written before several pairs continues
 * where it stopped. Returns the keys moved. Run inside a transaction by the caller.
 */
export function migrateLegacyPairKeys(store: Store, symbol: string, now: number): string[] {
  if (store.config.get(PAIR_KEYS_MIGRATED_KEY) !== null) return [];
  const moved: string[] = [];
  for (const entry of store.config.all()) {
    if (!isPairConfigKey(entry.key) || splitPairConfigKey(entry.key) !== null) continue;
    const target = pairConfigKey(symbol, entry.key);
    if (store.config.entry(target) === null) store.config.set(target, entry.value, entry.updatedBy, now);
    moved.push(entry.key);
  }
  store.config.set(PAIR_KEYS_MIGRATED_KEY, { symbol, keys: moved }, 'system', now);
  return moved;
}
