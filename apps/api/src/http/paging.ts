import { MAX_PAGE_SIZE } from '@warden/core/ports/pagination';
import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 50;

/** `?limit=&cursor=`: newest first; the cursor is the `nextCursor` of the previous page. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).describe(`page size, at most ${MAX_PAGE_SIZE}`),
  cursor: z.coerce.number().int().positive().optional().describe('nextCursor from the previous page'),
};

/** `?from=&to=` in milliseconds since the epoch (UTC), both inclusive. */
export const timeRangeQuery = {
  from: z.coerce.number().int().nonnegative().optional().describe('ms since epoch, inclusive'),
  to: z.coerce.number().int().nonnegative().optional().describe('ms since epoch, inclusive'),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item).readonly(), nextCursor: z.number().int().nullable() });
}

export function pageRequest(query: { limit: number; cursor?: number | undefined }): { limit: number; cursor?: number } {
  return query.cursor === undefined ? { limit: query.limit } : { limit: query.limit, cursor: query.cursor };
}
