import type { ReactNode } from 'react';
import { EmptyRow } from './EmptyRow';

export interface Column<T> {
  readonly label: string;
  readonly cell: (row: T) => ReactNode;
  readonly numeric?: boolean;
}

/** A dense table that scrolls sideways on a phone instead of squeezing its columns. Each cell names its column (`data-col`). */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  empty,
  testId,
  rowAttributes,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  /** `data-*` attributes of a row (what tests and styles select it by). */
  rowAttributes?: (row: T) => Readonly<Record<`data-${string}`, string>>;
  empty: string;
  testId?: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowAttributes?.(row)}>
              {columns.map((c) => (
                <td key={c.label} className={c.numeric ? 'num' : undefined} data-col={c.label}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 ? <EmptyRow columns={columns.length}>{empty}</EmptyRow> : null}
        </tbody>
      </table>
    </div>
  );
}
