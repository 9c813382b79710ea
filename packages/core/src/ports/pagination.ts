/** Cursor pagination, newest first. The cursor is the last row id of the previous page. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor?: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: number | null;
}

export const MAX_PAGE_SIZE = 500;
