import type { TransitionCommand } from '@warden/core/state/tradingState';
import type { Access } from '../../auth/principal.js';
import { systemStatusSchema } from '../../http/domainSchemas.js';
import { emptyBody } from '../auth/schema.js';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';
import { manualResumeBody, schedulerResponse, transitionBody, transitionResponse } from './schema.js';

/**
 * State machine and scheduler controls. The roles here mirror core's transition table so a caller
 * whose role is too low gets 403 before the service is asked; the service audits every transition.
 */
const TRANSITIONS: ReadonlyArray<{ path: string; command: TransitionCommand; access: Access; operationId: string; summary: string }> = [
  {
    path: '/system/pause',
    command: 'pause',
    access: 'operator',
    operationId: 'pauseTrading',
    summary: 'RUNNING → PAUSED: no new orders from the next cycle',
  },
  { path: '/system/resume', command: 'resume', access: 'operator', operationId: 'resumeTrading', summary: 'PAUSED → RUNNING' },
  {
    path: '/system/emergency-stop',
    command: 'emergency_stop',
    access: 'operator',
    operationId: 'emergencyStop',
    summary: 'Any state → EMERGENCY_STOP; cancels open orders',
  },
];

export const systemRoutes: RoutePlugin = async (app, { deps }) => {
  app.get(
    '/system/status',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['system'],
        operationId: 'getSystemStatus',
        summary: 'State, scheduler, mode, data readiness, last cycle',
        security: bearer,
        response: { 200: systemStatusSchema, ...errorResponses },
      },
    },
    async () => deps.control.status(),
  );

  for (const t of TRANSITIONS) {
    app.post(
      t.path,
      {
        config: { access: t.access },
        schema: {
          tags: ['system'],
          operationId: t.operationId,
          summary: t.summary,
          security: bearer,
          body: transitionBody,
          response: { 200: transitionResponse, ...errorResponses },
        },
      },
      async (request) => deps.control.transition(t.command, principalOf(request).actor, request.body?.reason ?? ''),
    );
  }

  app.post(
    '/system/manual-resume',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['system'],
        operationId: 'manualResume',
        summary: 'EMERGENCY_STOP → RUNNING; admin only, reason required',
        security: bearer,
        body: manualResumeBody,
        response: { 200: transitionResponse, ...errorResponses },
      },
    },
    async (request) => deps.control.transition('manual_resume', principalOf(request).actor, request.body.reason),
  );

  app.post(
    '/scheduler/start',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['system'],
        operationId: 'startScheduler',
        summary: 'Start the cycle scheduler (409 when data is not ready)',
        security: bearer,
        body: emptyBody,
        response: { 200: schedulerResponse, ...errorResponses },
      },
    },
    async (request) => {
      await deps.control.startScheduler(principalOf(request).actor);
      return { schedulerRunning: deps.control.status().schedulerRunning };
    },
  );

  app.post(
    '/scheduler/stop',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['system'],
        operationId: 'stopScheduler',
        summary: 'Stop the cycle scheduler',
        security: bearer,
        body: emptyBody,
        response: { 200: schedulerResponse, ...errorResponses },
      },
    },
    async (request) => {
      await deps.control.stopScheduler(principalOf(request).actor);
      return { schedulerRunning: deps.control.status().schedulerRunning };
    },
  );
};
