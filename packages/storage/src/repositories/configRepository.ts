import type { ConfigRepository } from '@warden/core/ports/store';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { config } from '../schema.js';
import { excluded } from './preparedWrite.js';

export function configRepository(db: Db): ConfigRepository {
  // Prepared once (reads and writes): the trading state, the active strategy and its parameters are read on every
  // cycle and status read, and written by every cycle; building the query each time cost more than running it.
  const byKey = db
    .select()
    .from(config)
    .where(eq(config.key, sql.placeholder('key')))
    .prepare();
  const entry = (key: string) => {
    const row = byKey.get({ key });
    return row ? { key: row.key, value: JSON.parse(row.value) as unknown, updatedAt: row.updatedAt, updatedBy: row.updatedBy } : null;
  };
  const upsert = db
    .insert(config)
    .values({
      key: sql.placeholder('key'),
      value: sql.placeholder('value'),
      updatedAt: sql.placeholder('updatedAt'),
      updatedBy: sql.placeholder('updatedBy'),
    })
    .onConflictDoUpdate({
      target: config.key,
      set: { value: excluded(config.value), updatedAt: excluded(config.updatedAt), updatedBy: excluded(config.updatedBy) },
    })
    .prepare();
  return {
    get<T>(key: string) {
      const e = entry(key);
      return e ? (e.value as T) : null;
    },
    entry,
    set(key, value, updatedBy, now) {
      upsert.run({ key, value: JSON.stringify(value), updatedAt: now, updatedBy });
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
