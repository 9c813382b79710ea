import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { Database } from './sqliteDriver.js';

export type Db = BetterSQLite3Database<typeof schema>;

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface OpenedDatabase {
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Db;
}

/**
 * Opens (creating the folder and file if needed) a SQLite database in WAL mode and applies every
 * pending migration. WAL lets the API read while a cycle writes; `synchronous=NORMAL` is durable
 * across process crashes in WAL mode, which is the failure we guard against.
 */
export function openDatabase(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return { sqlite, db };
}

export function listTables(sqlite: BetterSqlite3.Database): string[] {
  return (
    sqlite
      .prepare(
        "select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
      )
      .all() as Array<{ name: string }>
  ).map((r) => r.name);
}

export function listIndexes(sqlite: BetterSqlite3.Database): string[] {
  return (
    sqlite.prepare("select name from sqlite_master where type='index' and name not like 'sqlite_%' order by name").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
}

export { join };
