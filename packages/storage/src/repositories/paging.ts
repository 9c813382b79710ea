import { MAX_PAGE_SIZE, type Page, type PageRequest } from '@warden/core/ports/pagination';

/** Clamps a page size and turns `limit + 1` fetched rows into a page with the next cursor. */
export function pageLimit(page: PageRequest): number {
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(page.limit)));
}

export function toPage<R extends { id: number }, T>(rows: readonly R[], limit: number, map: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: hasMore ? (kept[kept.length - 1]?.id ?? null) : null };
}
