import {
  ConflictError,
  FatalExchangeError,
  ForbiddenError,
  IllegalTransitionError,
  InsufficientDataError,
  MarketDataError,
  NotFoundError,
  OrderStatusUnknownError,
  TransientExchangeError,
  UnavailableError,
  ValidationError,
  WardenError,
} from '@warden/core/errors/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError } from './apiError.js';
import { errorBody } from './errorBody.js';

const CONTEXT_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Turns zod issues into `body.reason: expected string` lines; unknown keys are named one by one. */
function fieldIssues(
  context: string,
  validation: ReadonlyArray<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }>,
): FieldIssue[] {
  const prefix = CONTEXT_NAMES[context] ?? context;
  return validation.flatMap((v) => {
    const path = v.instancePath.split('/').filter(Boolean);
    const base = [prefix, ...path].join('.');
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params.keys)) {
      return (v.params.keys as unknown[]).map((k) => ({ field: `${base}.${String(k)}`, message: 'unknown field' }));
    }
    return [{ field: base, message: v.message ?? 'invalid' }];
  });
}

/** Domain error type → HTTP status. Role checks happen in the auth hook, so a transition refused by the service is a state conflict (409). */
function statusOf(error: WardenError): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError || error instanceof IllegalTransitionError || error instanceof InsufficientDataError) return 409;
  if (error instanceof TransientExchangeError || error instanceof UnavailableError) return 503;
  if (error instanceof FatalExchangeError || error instanceof OrderStatusUnknownError || error instanceof MarketDataError) return 502;
  return 500;
}

/** When to try again: a 503 always says (5 s when the venue gave no hint), as RFC 9110 §15.6.4 invites. */
function retryAfterOf(error: WardenError): number | null {
  if (error instanceof UnavailableError) return error.retryAfterMs;
  if (error instanceof TransientExchangeError) return error.retryAfterMs ?? 5_000;
  return null;
}

/**
 * Only client errors (4xx) and venue errors carry their message to the client; anything else is
 * logged with its stack and answered with a generic message and the request id to look it up.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = fieldIssues(String((error as FastifyError).validationContext ?? 'body'), error.validation);
    const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return reply.code(400).send(errorBody('VALIDATION_FAILED', message, { field: issues[0]?.field ?? null, issues }));
  }
  if (error instanceof ApiError) {
    return reply
      .code(error.statusCode)
      .headers(error.headers)
      .send(errorBody(error.code, error.message, error.details));
  }
  if (error instanceof WardenError) {
    const status = statusOf(error);
    if (status < 500 || status === 502 || status === 503) {
      const details: Record<string, unknown> = { ...error.context };
      const retryAfterMs = retryAfterOf(error);
      if (retryAfterMs !== null) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      return reply.code(status).send(errorBody(error.code, error.message, details));
    }
  }
  const fastifyStatus = (error as FastifyError).statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    // Fastify's own client errors: body too large, bad JSON, unsupported media type. They concern the body as a whole.
    const code = (error as FastifyError).code ?? 'BAD_REQUEST';
    return reply.code(fastifyStatus).send(errorBody(code, error.message, { field: 'body' }));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(errorBody('INTERNAL', 'internal error; see the server log', { requestId: request.id }));
}
