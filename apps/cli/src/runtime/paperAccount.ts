import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import type { AppConfig } from '@warden/core/config/parseConfig';
import type { SymbolFilters } from '@warden/core/domain/market';
import { PaperBroker, paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import type { Store } from '@warden/core/ports/store';
import type { Logger } from 'pino';

/** Rewinds the paper broker to the last committed checkpoint (after a failed cycle transaction). */
export function rewindPaperBroker(store: Store, broker: PaperBroker): void {
  const saved = store.config.get<unknown>(CONFIG_KEYS.paperAccount);
  if (saved) broker.resetTo(saved);
}

/**
 * The paper account continues where the last committed cycle left it; a first start funds it with
 * TRADING_PAPER_STARTING_EQUITY. A stored account for another symbol is not reused: balances in
 * the wrong assets would be nonsense, so a symbol change starts a fresh account (and says so).
 */
export function restorePaperBroker(store: Store, config: AppConfig, filters: SymbolFilters, log: Logger, now: number): PaperBroker {
  const options = paperBrokerOptionsFromConfig(config, filters);
  const saved = store.config.get<{ symbol?: string }>(CONFIG_KEYS.paperAccount);
  if (saved && saved.symbol === filters.symbol) {
    const broker = PaperBroker.restore(saved, options);
    log.info(`paper account restored from the database (${filters.symbol})`);
    return broker;
  }
  if (saved) log.warn({ stored: saved.symbol, now: filters.symbol }, 'stored paper account is for another symbol; starting a fresh one');
  log.info(`paper account funded with ${config.TRADING_PAPER_STARTING_EQUITY} ${filters.quote} (TRADING_PAPER_STARTING_EQUITY)`);
  const broker = PaperBroker.start(options, config.TRADING_PAPER_STARTING_EQUITY);
  // The first checkpoint, so a failed first cycle can always rewind to a committed account.
  store.config.set(CONFIG_KEYS.paperAccount, broker.state(), 'system', now);
  return broker;
}
