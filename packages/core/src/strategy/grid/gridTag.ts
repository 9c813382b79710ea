/** Order tags a grid puts on its signals; the cycle hands them back with each fill. */
export const BOOTSTRAP_TAG = 'grid:bootstrap';

export function levelTag(index: number): string {
  return `grid:L${index}`;
}

/** The level index a tag stands for, 'bootstrap', or null for a tag that is not the grid's. */
export function parseGridTag(tag: string | null): number | 'bootstrap' | null {
  if (tag === BOOTSTRAP_TAG) return 'bootstrap';
  const match = tag === null ? null : /^grid:L(-?\d+)$/.exec(tag);
  return match ? Number(match[1]) : null;
}
