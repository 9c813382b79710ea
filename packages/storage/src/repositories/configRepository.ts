import type { ConfigRepository } from '@warden/core/ports/store';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { config } from '../schema.js';

export function configRepository(db: Db): ConfigRepository {
  // Prepared once: the trading state, the active strategy and its parameters are read on every
  // cycle and status read, and building the query each time cost more than running it.
  const byKey = db
    .select()
    .from(config)
    .where(eq(config.key, sql.placeholder('key')))
    .prepare();
  const entry = (key: string) => {
    const row = byKey.get({ key });
    return row ? { key: row.key, value: JSON.parse(row.value) as unknown, updatedAt: row.updatedAt, updatedBy: row.updatedBy } : null;
  };
  return {
    get<T>(key: string) {
      const e = entry(key);
      return e ? (e.value as T) : null;
    },
    entry,
    set(key, value, updatedBy, now) {
      const json = JSON.stringify(value);
      db.insert(config)
        .values({ key, value: json, updatedAt: now, updatedBy })
        .onConflictDoUpdate({ target: config.key, set: { value: json, updatedAt: now, updatedBy } })
        .run();
    },
    all() {
      return db
        .select()
        .from(config)
        .orderBy(config.key)
        .all()
        .map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown, updatedAt: r.updatedAt, updatedBy: r.updatedBy }));
    },
  };
}
