import { ORDER_STATUSES } from '@warden/core/domain/orders';
import { z } from 'zod';
import { pageQuery, timeRangeQuery } from '../../http/paging.js';

const symbol = z.string().regex(/^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/, 'expected BASE/QUOTE, e.g. BTC/USDT');

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
export const snapshotQuery = z.strictObject({ ...timeRangeQuery, ...pageQuery });
