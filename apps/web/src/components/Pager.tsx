/**
 * Cursor pagination: the API gives the next page's cursor; we keep the cursors we came through so
 * "previous" needs no server support.
 */
export function Pager({
  cursors,
  nextCursor,
  onChange,
}: {
  cursors: readonly number[];
  nextCursor: number | null | undefined;
  onChange: (cursors: number[]) => void;
}) {
  return (
    <div className="pager">
      <button type="button" disabled={cursors.length === 0} onClick={() => onChange(cursors.slice(0, -1))}>
        ‹ Newer
      </button>
      <span className="muted small">page {cursors.length + 1}</span>
      <button
        type="button"
        disabled={nextCursor === null || nextCursor === undefined}
        onClick={() => nextCursor != null && onChange([...cursors, nextCursor])}
      >
        Older ›
      </button>
    </div>
  );
}
