import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import type { AppConfig } from '@warden/core/config/parseConfig';
import type { SymbolFilters, Timeframe } from '@warden/core/domain/market';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { PaperPortfolio } from '@warden/core/execution/paperPortfolio';
import type { Store } from '@warden/core/ports/store';
import type { Logger } from 'pino';

/** Rewinds the paper account to the last committed checkpoint (after a failed cycle transaction). */
export function rewindPaperAccount(store: Store, account: PaperPortfolio): void {
  const saved = store.config.get<unknown>(CONFIG_KEYS.paperAccount);
  if (saved) account.resetTo(saved);
}

/**
 * The paper account continues where the last committed cycle left it — every pair's base balance
 * and resting orders and the shared quote balance; a single-pair account of earlier versions becomes
 * that pair's part, and a pair added since starts flat. A first start funds it with
 * TRADING_PAPER_STARTING_EQUITY. An account in another quote asset is not reused (balances in the
 * wrong currency would be nonsense): a fresh one starts, and the log says so.
 */
export function restorePaperAccount(
  store: Store,
  config: AppConfig,
  filters: ReadonlyMap<string, SymbolFilters>,
  log: Logger,
  now: number,
): PaperPortfolio {
  const pairs = [...filters.values()].map((f) => paperBrokerOptionsFromConfig(config, f));
  const saved = store.config.get<unknown>(CONFIG_KEYS.paperAccount);
  if (saved) {
    try {
      const account = PaperPortfolio.restore(saved, pairs);
      log.info(`paper account restored from the database (${[...filters.keys()].join(', ')})`);
      for (const carried of account.carriedPairs)
        log.warn(
          { symbol: carried.symbol },
          `the paper account still holds ${carried.symbol}, which is no longer traded; its balance is kept`,
        );
      return account;
    } catch (error) {
      log.warn({ err: error }, 'the stored paper account does not fit the traded pairs; starting a fresh one');
    }
  }
  const quote = pairs[0]?.filters.quote ?? '';
  log.info(`paper account funded with ${config.TRADING_PAPER_STARTING_EQUITY} ${quote} (TRADING_PAPER_STARTING_EQUITY)`);
  const account = PaperPortfolio.start(pairs, config.TRADING_PAPER_STARTING_EQUITY);
  // The first checkpoint, so a failed first cycle can always rewind to a committed account.
  store.config.set(CONFIG_KEYS.paperAccount, account.state(), 'system', now);
  return account;
}

/**
 * Quote value of what the paper account still holds in pairs no longer in TRADING_SYMBOLS: each
 * carried pair's base (free + locked) at its last recorded price — its newest equity snapshot's,
 * else its newest cached close of `timeframe`. Fixed for this run (nobody fetches a dropped pair's
 * price). Counted in the account's equity so that dropping a pair is not a loss of what it holds
 * (which, against the recorded peak, would trip the drawdown stop). A pair that cannot be priced
 * counts zero, and the log says so.
 */
export function carriedPairsValue(account: PaperPortfolio, store: Store, timeframe: Timeframe, legacySymbol: string, log: Logger): number {
  let total = 0;
  for (const carried of account.carriedPairs) {
    const base = Number(carried.base.free) + Number(carried.base.locked);
    if (base === 0) continue;
    const snapshot = store.equity.list({ symbol: carried.symbol, legacySymbol }, { limit: 1 }).items[0];
    const close = store.candles.latest(carried.symbol, timeframe, 1)[0]?.close;
    const price = snapshot ? Number(snapshot.price) : close !== undefined ? Number(close) : 0;
    if (!(price > 0)) {
      log.warn({ symbol: carried.symbol }, `no recorded price for ${carried.symbol}: its ${base} held count zero in the equity`);
      continue;
    }
    total += base * price;
  }
  return total;
}
