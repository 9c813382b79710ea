import type { Role } from '../config/schema.js';

/**
 * Typed errors. The type decides the response: transient exchange errors are retried, fatal ones
 * stop the scheduler, strategy errors stay inside their cycle, and only user-facing errors
 * (validation, conflicts, permissions) reach API clients with their message.
 */
export class WardenError extends Error {
  readonly code: string;
  readonly context: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }
}

export class ConfigError extends WardenError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('CONFIG_INVALID', `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { problems });
    this.problems = problems;
  }
}

export class IllegalTransitionError extends WardenError {
  constructor(
    from: string,
    to: string,
    reason: string,
    /** Set when the actor's role was the obstacle: the role the transition needs. */
    readonly requiredRole: Role | 'system' | null = null,
  ) {
    super('ILLEGAL_TRANSITION', `cannot go from ${from} to ${to}: ${reason}`, { from, to });
  }
}

/** Input that breaks a rule the caller can fix (API 400). `field` names the offending field. */
export class ValidationError extends WardenError {
  constructor(
    message: string,
    readonly field?: string,
    context: Record<string, unknown> = {},
  ) {
    super('VALIDATION_FAILED', message, { ...context, field });
  }
}

/** The action conflicts with the current state (API 409), e.g. deciding an approval twice. */
export class ConflictError extends WardenError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('CONFLICT', message, context);
  }
}

/** The actor's role does not allow the action (API 403), e.g. a viewer deciding an approval. */
export class ForbiddenError extends WardenError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, context);
  }
}

export class NotFoundError extends WardenError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, context);
  }
}

/** The market data received cannot be trusted (malformed, out of order, missing); never turned into candles. */
export class MarketDataError extends WardenError {
  constructor(message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('MARKET_DATA_INVALID', message, context, options);
  }
}

/** A venue problem worth retrying later (network, 5xx on reads, rate limit). */
export class TransientExchangeError extends WardenError {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
    context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super('EXCHANGE_TRANSIENT', message, { ...context, retryAfterMs }, options);
  }
}

/**
 * Something the action needs is not up yet, typically the exchange connection at start-up or
 * while the exchange is unreachable: not the caller's fault and not a state they can change, so
 * the API answers 503 with `Retry-After` (seconds from `retryAfterMs`).
 */
export class UnavailableError extends WardenError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterMs: number,
    context: Record<string, unknown> = {},
  ) {
    super(code, message, { ...context, retryAfterMs });
  }
}

/** The venue refuses us (418 ban, bad keys, -2010 ...): stop sending and alert. */
export class FatalExchangeError extends WardenError {
  constructor(message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('EXCHANGE_FATAL', message, context, options);
  }
}

/** An order whose outcome is not known (timeout, 5xx, -1007 after sending): resolve by query, never resend. */
export class OrderStatusUnknownError extends WardenError {
  constructor(
    readonly clientOrderId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('ORDER_STATUS_UNKNOWN', message, { clientOrderId }, options);
  }
}

export class InsufficientDataError extends WardenError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('DATA_NOT_READY', message, context);
  }
}
