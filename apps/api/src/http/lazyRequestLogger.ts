import type { FastifyBaseLogger, FastifyLogFn as LogFn } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

/** pino's level numbers; `silent` writes nothing at any level. */
const LEVEL_VALUES: Readonly<Record<string, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};
const LOG_METHODS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * `request.log` without the cost of a pino child logger per request. Fastify makes one for every
 * request (to add `reqId`), and with Warden's redaction paths that costs more than several hooks;
 * most requests never write a line (routine reads are logged at debug). This stands in for the
 * child and creates it when the first line at or above its level is written, with the same
 * bindings and options, so every line still carries its `reqId`.
 */
class LazyChildLogger {
  private real: FastifyBaseLogger | null = null;
  declare readonly fatal: LogFn;
  declare readonly error: LogFn;
  declare readonly warn: LogFn;
  declare readonly info: LogFn;
  declare readonly debug: LogFn;
  declare readonly trace: LogFn;
  declare readonly silent: LogFn;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  /** The child's level: the route's `logLevel` when fastify passes one, else the parent's. */
  get level(): string {
    return this.real?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  /** The real child logger, made on first use. */
  logger(): FastifyBaseLogger {
    this.real ??= this.parent.child(this.bindings, this.options);
    return this.real;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }
}

// On the prototype, so a request that never logs allocates one small object and no closures.
for (const name of LOG_METHODS) {
  Object.defineProperty(LazyChildLogger.prototype, name, {
    value(this: LazyChildLogger, ...args: unknown[]) {
      // A line below the level is dropped without making the child at all.
      if ((LEVEL_VALUES[name] as number) < (LEVEL_VALUES[this.level] ?? 0)) return;
      const real = this.logger();
      (real[name] as (...a: unknown[]) => void).apply(real, args);
    },
  });
}

/** Fastify's `childLoggerFactory`: the request logger, created when first used. */
export function lazyChildLoggerFactory(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, options);
}
