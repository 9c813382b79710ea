import { useState } from 'react';

/**
 * The cursors a paged table came through (see Pager), back to the first page whenever `scope`
 * changes (e.g. the pair filter): another list's cursor would land mid-way into this one.
 */
export function useCursors(scope: string | undefined): [readonly number[], (cursors: number[]) => void] {
  const [state, setState] = useState<{ scope: string | undefined; cursors: number[] }>({ scope, cursors: [] });
  const cursors = state.scope === scope ? state.cursors : [];
  return [cursors, (next) => setState({ scope, cursors: next })];
}
