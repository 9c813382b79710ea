import { TRADING_STATES } from '@warden/core/state/tradingState';
import { z } from 'zod';
import { orderSchema } from '../../http/domainSchemas.js';

export const REASON_MAX = 500;

/** pause / resume / emergency-stop: a reason is recorded in the audit log when given. */
export const transitionBody = z.strictObject({ reason: z.string().trim().max(REASON_MAX).optional() }).nullish();

/** Leaving an emergency stop is deliberate: an admin must say why. */
export const manualResumeBody = z.strictObject({
  reason: z.string().trim().min(1, 'a reason is required to leave EMERGENCY_STOP').max(REASON_MAX),
});

export const transitionResponse = z.object({
  from: z.enum(TRADING_STATES),
  to: z.enum(TRADING_STATES),
  cancellation: z
    .object({
      canceled: z.array(orderSchema).readonly(),
      failed: z.array(z.object({ clientOrderId: z.string(), error: z.string() })).readonly(),
    })
    .optional()
    .describe('emergency stop only: open orders canceled and those that could not be'),
});

export const schedulerResponse = z.object({ schedulerRunning: z.boolean() });
