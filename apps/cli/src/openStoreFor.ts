import { type AppConfig, configSecrets } from '@warden/core/config/parseConfig';
import { openStore, type SqliteStore } from '@warden/storage/openStore';

/**
 * The migrated store at DATABASE_PATH; the config's secrets never reach its audit log. Apart from
 * context.ts so that commands that never open the database (backtest) do not load better-sqlite3
 * and drizzle.
 */
export function openStoreFor(config: AppConfig): SqliteStore {
  return openStore(config.DATABASE_PATH, { secrets: configSecrets(config) });
}
