import type Database from 'better-sqlite3';

/** Every row of every table: proof that a refused request changed nothing. */
export function dbSnapshot(sqlite: Database.Database): string {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all() as Array<{ name: string }>;
  return JSON.stringify(tables.map(({ name }) => [name, sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}
