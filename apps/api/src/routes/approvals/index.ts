import { NotFoundError } from '@warden/core/errors/errors';
import { approvalSchema } from '../../http/domainSchemas.js';
import { pageOf, pageRequest } from '../../http/paging.js';
import { tradedPair } from '../../http/pairs.js';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';
import { approvalParams, approvalsQuery, decisionBody } from './schema.js';

/** Advisor proposals awaiting a human. Deciding goes through the ApprovalService, which re-validates, applies and audits. */
export const approvalRoutes: RoutePlugin = async (app, { deps }) => {
  const tags = ['approvals'];

  app.get(
    '/approvals',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        operationId: 'listApprovals',
        summary: 'Approvals, newest first',
        security: bearer,
        querystring: approvalsQuery,
        response: { 200: pageOf(approvalSchema), ...errorResponses },
      },
    },
    async (request) => {
      const symbol = tradedPair(deps, request.query.symbol, 'query.symbol');
      return deps.approvals.list({ status: request.query.status, ...(symbol ? { symbol } : {}) }, pageRequest(request.query));
    },
  );

  app.get(
    '/approvals/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        operationId: 'getApproval',
        summary: 'One approval',
        security: bearer,
        params: approvalParams,
        response: { 200: approvalSchema, ...errorResponses },
      },
    },
    async (request) => {
      const approval = deps.approvals.get(request.params.id);
      if (!approval) throw new NotFoundError(`approval ${request.params.id} does not exist`, { id: request.params.id });
      return approval;
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/approvals/:id/${decision}`,
      {
        config: { access: 'operator' },
        schema: {
          tags,
          operationId: decision === 'approve' ? 'approveApproval' : 'rejectApproval',
          summary:
            decision === 'approve'
              ? 'Approve and apply a pending proposal (409 when already decided or expired)'
              : 'Reject a pending proposal',
          security: bearer,
          params: approvalParams,
          body: decisionBody,
          response: { 200: approvalSchema, ...errorResponses },
        },
      },
      async (request) => {
        const actor = principalOf(request).actor;
        const comment = request.body?.comment || null;
        return decision === 'approve'
          ? deps.approvals.approve(request.params.id, actor, comment)
          : deps.approvals.reject(request.params.id, actor, comment);
      },
    );
  }
};
