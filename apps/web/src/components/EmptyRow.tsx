import type { ReactNode } from 'react';

/** The one row a table shows when it has nothing to list, spanning all its columns. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="muted empty">
        {children}
      </td>
    </tr>
  );
}
