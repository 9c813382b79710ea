import type { AppConfig } from '@warden/core/config/parseConfig';
import type { SqliteStore } from '@warden/storage/openStore';

/** What `warden start` should tell the operator about auth, or null when there is nothing to say. */
export function describeAuthStartup(config: AppConfig, store: Pick<SqliteStore, 'users'>): string | null {
  if (!config.AUTH_ENABLED) return null;
  if (store.users.count() > 0) return null;
  return 'auth is on and there are no users yet: create the first admin with `npx warden users add admin --role admin`';
}
