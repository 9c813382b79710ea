import { ORDER_STATUSES } from '@warden/core/domain/orders';
import { z } from 'zod';
import { pageQuery, timeRangeQuery } from '../../http/paging.js';
import { symbolSchema as symbol } from '../../http/pairs.js';

export const ordersQuery = z.strictObject({
  symbol: symbol.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  ...timeRangeQuery,
  ...pageQuery,
});
export const fillsQuery = z.strictObject({
  symbol: symbol.optional(),
  clientOrderId: z.string().max(64).optional(),
  ...timeRangeQuery,
  ...pageQuery,
});
export const positionsQuery = z.strictObject({ symbol: symbol.optional() });
export const snapshotQuery = z.strictObject({
  symbol: symbol
    .optional()
    .describe("only this pair's rows (rows written before several pairs count as the legacy pair's); absent: every row"),
  ...timeRangeQuery,
  ...pageQuery,
});
