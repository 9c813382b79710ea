import { APPROVAL_STATUSES } from '@warden/core/domain/approval';
import { z } from 'zod';
import { pageQuery } from '../../http/paging.js';
import { symbolSchema } from '../../http/pairs.js';

export const approvalsQuery = z.strictObject({
  status: z.enum(APPROVAL_STATUSES).optional(),
  symbol: symbolSchema.optional().describe("only this pair's proposals (those made before several pairs count as the legacy pair's)"),
  ...pageQuery,
});
export const approvalParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const decisionBody = z.strictObject({ comment: z.string().trim().max(1000).optional() }).nullish();
