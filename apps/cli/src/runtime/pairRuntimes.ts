import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import type { AppConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import { StrategyHost } from '@warden/core/cycle/strategyHost';
import type { Timeframe } from '@warden/core/domain/market';
import { migrateLegacyPairKeys, PAIR_KEYS_MIGRATED_KEY, pairStore } from '@warden/core/portfolio/pairStore';
import type { Store } from '@warden/core/ports/store';
import { parseStrategyParams } from '@warden/core/strategy/registry';
import type { StrategySettings } from '@warden/core/strategy/types';
import type { Logger } from 'pino';

/** Extra closed candles loaded beyond a strategy's requirement, so indicators see a settled history. */
export const WINDOW_SLACK = 5;

/** One traded pair before the exchange is reached: its settings, its scoped store and strategy. */
export interface PairRuntime {
  readonly symbol: string;
  readonly settings: StrategySettings;
  /** The store as this pair sees it (its strategy keys under `pair.<symbol>.`). */
  readonly store: Store;
  readonly strategies: StrategyHost;
  /** Closed candles needed per timeframe: every TRADING_TIMEFRAMES entry plus what the strategy reads. */
  requirements(): Partial<Record<Timeframe, number>>;
  /** What the cycle loads per timeframe (requirements plus a little slack). */
  windows(): Partial<Record<Timeframe, number>>;
}

/**
 * The pair a single-pair database traded, for moving its strategy keys under that pair, and the
 * pair its rows without a symbol (equity, metrics, approvals) belong to. Once the keys were moved
 * (`storage.pair_keys_migrated`, written on the first start of this version) it is the pair recorded
 * there, so it never changes afterwards; before that, the paper account's symbol, else the newest
 * order's, else the first of TRADING_SYMBOLS.
 */
export function legacySymbol(store: Store, config: AppConfig): string {
  const migrated = store.config.get<{ symbol?: unknown }>(PAIR_KEYS_MIGRATED_KEY);
  if (typeof migrated?.symbol === 'string') return migrated.symbol;
  const account = store.config.get<{ version?: number; symbol?: string }>(CONFIG_KEYS.paperAccount);
  if (account?.version === 1 && typeof account.symbol === 'string') return account.symbol;
  const newest = store.orders.list({}, { limit: 1 }).items[0];
  return newest?.symbol ?? (config.tradingSymbols[0] as string);
}

/**
 * Every pair of TRADING_SYMBOLS with its strategy host, seeded on first start: the strategy from
 * TRADING_PAIR_STRATEGIES (else TRADING_ACTIVE_STRATEGY), parameters from TRADING_PAIR_PARAMS when
 * none are stored yet. A database written by the single-pair version is migrated first (its
 * strategy keys move under the pair it traded; audited).
 * @throws ValidationError naming the pair's strategy or parameter that is not valid.
 */
export function createPairRuntimes(config: AppConfig, store: Store, now: number, logger: Logger): PairRuntime[] {
  const legacy = legacySymbol(store, config);
  const moved = store.transaction(() => migrateLegacyPairKeys(store, legacy, now));
  if (moved.length > 0) {
    store.audit.append({
      time: now,
      type: 'storage.pair_keys_migrated',
      actor: 'system',
      reason: `strategy settings of the single-pair database moved under ${legacy}`,
      inputs: { symbol: legacy, keys: moved },
    });
    logger.info(`strategy settings of the single-pair database now belong to ${legacy}`);
  }
  const base = strategySettingsFromConfig(config);
  return config.tradingSymbols.map((symbol) => {
    const settings: StrategySettings = { ...base, symbol };
    const scoped = pairStore(store, symbol);
    const strategy = config.TRADING_PAIR_STRATEGIES[symbol] ?? config.TRADING_ACTIVE_STRATEGY;
    const host = new StrategyHost(scoped, settings);
    host.seed(strategy, now);
    const seededParams = config.TRADING_PAIR_PARAMS[symbol];
    const active = scoped.config.get<string>(CONFIG_KEYS.activeStrategy) ?? strategy;
    if (seededParams && scoped.config.get(CONFIG_KEYS.strategyParams(active)) === null)
      scoped.config.set(CONFIG_KEYS.strategyParams(active), parseStrategyParams(active, seededParams, settings), 'system', now);
    const requirements = (): Partial<Record<Timeframe, number>> => {
      const out: Partial<Record<Timeframe, number>> = {};
      for (const tf of config.TRADING_TIMEFRAMES) out[tf] = 1;
      for (const [tf, n] of Object.entries(host.requirements()) as Array<[Timeframe, number]>) out[tf] = Math.max(out[tf] ?? 1, n);
      return out;
    };
    return {
      symbol,
      settings,
      store: scoped,
      strategies: host,
      requirements,
      windows: () => {
        const out: Partial<Record<Timeframe, number>> = {};
        for (const [tf, n] of Object.entries(requirements()) as Array<[Timeframe, number]>) out[tf] = n + WINDOW_SLACK;
        return out;
      },
    };
  });
}
