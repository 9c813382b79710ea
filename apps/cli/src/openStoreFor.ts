import type { AppConfig } from '@warden/core/config/parseConfig';
import { openStore, type SqliteStore } from '@warden/storage/openStore';

/**
 * The migrated store at DATABASE_PATH. Apart from context.ts so that commands that never open the
 * database (backtest) do not load better-sqlite3 and drizzle.
 */
export function openStoreFor(config: Pick<AppConfig, 'DATABASE_PATH'>): SqliteStore {
  return openStore(config.DATABASE_PATH);
}
