import type { PairCommand } from '@warden/core/state/pairState';
import { z } from 'zod';
import { symbolSchema, tradedPair } from '../../http/pairs.js';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';
import { REASON_MAX } from '../system/schema.js';

const pairBody = z.strictObject({
  symbol: symbolSchema.describe('one of the traded pairs, e.g. ETH/USDT'),
  reason: z.string().trim().max(REASON_MAX).optional().describe('recorded in the audit log'),
});

const pairState = z.enum(['RUNNING', 'PAUSED']);
const pairTransitionResponse = z.object({ symbol: z.string(), from: pairState, to: pairState });

const COMMANDS: ReadonlyArray<{ path: string; command: PairCommand; operationId: string; summary: string }> = [
  {
    path: '/pairs/pause',
    command: 'pause',
    operationId: 'pausePair',
    summary: 'Pause one pair: its cycle sends no new orders; the other pairs keep trading',
  },
  {
    path: '/pairs/resume',
    command: 'resume',
    operationId: 'resumePair',
    summary: 'Resume a paused pair (it trades again while the account is RUNNING)',
  },
];

/**
 * One pair's own switch under the account's state (operator, audited `state.pair_paused` /
 * `state.pair_resumed` by the control service). 400 for a pair not traded, 409 for a pair already
 * there or a resume during an emergency stop.
 */
export const pairRoutes: RoutePlugin = async (app, { deps }) => {
  for (const c of COMMANDS) {
    app.post(
      c.path,
      {
        config: { access: 'operator' },
        schema: {
          tags: ['system'],
          operationId: c.operationId,
          summary: c.summary,
          security: bearer,
          body: pairBody,
          response: { 200: pairTransitionResponse, ...errorResponses },
        },
      },
      async (request) => {
        const symbol = tradedPair(deps, request.body.symbol, 'body.symbol') as string;
        return deps.control.setPairState(symbol, c.command, principalOf(request).actor, request.body.reason ?? '');
      },
    );
  }
};
