import type { RunResult } from 'better-sqlite3';
import { getTableColumns, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

/** A drizzle write as a repository builds it for one row: run it now, or prepare it once. */
export interface DrizzleWrite {
  run(): RunResult;
  prepare(): { run(placeholders: Record<string, unknown>): RunResult };
}

/**
 * One row's write (an insert, an upsert, an update), prepared once and run for every row. `build`
 * is the drizzle statement as the repository writes it for a row (`db.insert(t).values(row)…`); it
 * is called once with a placeholder for each of `columns` and prepared. Building the statement per
 * row (drizzle assembles the SQL text each time) was most of what a paper cycle allocated: about
 * 150 KB a cycle, whose young-generation collections were the slow cycles.
 *
 * Drizzle's meaning of a value left undefined is kept exactly. In an insert it is null, or the
 * column's default when the schema declares one; in an update the column is left as it is. A row
 * that needs a default or leaves an updated column undefined is written by the statement built from
 * the row itself, as before.
 * @param columns the table's columns (by their names in the schema) that the row gives; defaults
 * to every column.
 * @param undefinedMeans `insert` or `update`: which of drizzle's meanings of undefined applies.
 */
export function preparedWrite<Row extends object>(
  table: SQLiteTable,
  build: (row: Record<string, unknown>) => DrizzleWrite,
  undefinedMeans: 'insert' | 'update',
  columns: readonly string[] = Object.keys(getTableColumns(table)),
): (row: Row) => RunResult {
  const all = getTableColumns(table);
  const placeholders: Record<string, Placeholder<string>> = {};
  for (const name of columns) placeholders[name] = sql.placeholder(name);
  const prepared = build(placeholders).prepare();
  // In an insert, undefined becomes null unless the column has a default (drizzle's buildInsertQuery).
  const nullWhenUndefined = columns.map((name) => {
    const column = all[name];
    if (!column) throw new Error(`preparedWrite: ${name} is not a column of the table`);
    const hasDefault =
      (column.default !== null && column.default !== undefined) || column.defaultFn !== undefined || column.onUpdateFn !== undefined;
    return undefinedMeans === 'insert' && !hasDefault;
  });
  return (row) => {
    const values: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const name = columns[i] as string;
      const value = (row as Record<string, unknown>)[name];
      if (value !== undefined) values[name] = value;
      else if (nullWhenUndefined[i]) values[name] = null;
      else return build(row as Record<string, unknown>).run();
    }
    return prepared.run(values);
  };
}

/**
 * In an upsert's `do update set`, the value the conflicting insert proposed for `column`
 * (SQLite's `excluded.<column>`), so a prepared upsert sets the row to what it would have inserted.
 */
export function excluded(column: SQLiteColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}
