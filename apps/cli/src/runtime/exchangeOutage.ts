import { TransientExchangeError, WardenError } from '@warden/core/errors/errors';

/** The part of pino's logger the outage report uses. */
export interface OutageLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ExchangeOutageOptions {
  /** BINANCE_BASE_URL; only its origin is logged (user-info, path and query can carry secrets). */
  readonly baseUrl: string;
  /** How often a continuing outage is mentioned again at warn level (ms). */
  readonly reminderEveryMs: number;
  readonly now: () => number;
}

/** Every 5 minutes: often enough to see in a tail of the log, rare enough not to bury everything else. */
export const OUTAGE_REMINDER_MS = 5 * 60_000;

/** Socket error codes, as a person reads them. */
const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
};

/**
 * True for failures that mean "the exchange cannot be reached or is failing right now" (network,
 * timeouts, 5xx, rate limits, not connected yet): retried in the background and reported as one
 * outage, not as one error per attempt.
 */
export function isExchangeOutage(error: unknown): boolean {
  return error instanceof TransientExchangeError || (error instanceof WardenError && error.code === 'MARKET_NOT_CONNECTED');
}

/** One short phrase for an outage error: "connection refused (ECONNREFUSED)", "HTTP 503", "timed out". */
export function outageReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = Object.keys(NETWORK_CODES).find((c) => message.includes(c));
  if (code) return `${NETWORK_CODES[code]} (${code})`;
  if (error instanceof WardenError) {
    const status = error.context.status;
    if (typeof status === 'number') return status === 429 || status === 418 ? `rate limited (HTTP ${status})` : `HTTP ${status}`;
    if (/did not answer in time|timed? ?out/i.test(message)) return 'timed out';
  }
  // The first clause only: ccxt repeats the request line, sometimes twice.
  const first = message.split(/: binance /i)[0] ?? message;
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * Turns the stream of failed exchange requests during an outage into three kinds of log line: one
 * warning when it starts, a reminder every `reminderEveryMs` while it lasts, and one line when the
 * exchange answers again. Every failure still goes to the debug level with its stack trace. The
 * lines carry no extra fields: on a terminal each would print as more lines under the message.
 */
export class ExchangeOutage {
  private downSince: number | null = null;
  private lastWarnAt = 0;
  private failures = 0;
  private readonly exchange: string;

  constructor(
    private readonly log: OutageLogger,
    private readonly options: ExchangeOutageOptions,
  ) {
    this.exchange = URL.canParse(options.baseUrl) ? new URL(options.baseUrl).origin : 'the exchange';
  }

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** A request to the exchange failed with an outage error (see isExchangeOutage) during `what`. */
  failed(error: unknown, what: string): void {
    const now = this.options.now();
    const reason = outageReason(error);
    this.failures++;
    this.log.debug({ err: error, during: what }, `exchange request failed during ${what}: ${reason}`);
    if (this.downSince === null) {
      this.downSince = now;
      this.lastWarnAt = now;
      this.failures = 1;
      this.log.warn(
        {},
        `exchange unreachable at ${this.exchange}: ${reason}; trading waits and retries in the background (the API and panel stay up)`,
      );
    } else if (now - this.lastWarnAt >= this.options.reminderEveryMs) {
      this.lastWarnAt = now;
      this.log.warn(
        {},
        `exchange still unreachable at ${this.exchange} after ${duration(now - this.downSince)} (${this.failures} failed requests; last: ${reason})`,
      );
    }
  }

  /** A request to the exchange succeeded: ends an outage, if there was one. */
  recovered(): void {
    if (this.downSince === null) return;
    const downForMs = this.options.now() - this.downSince;
    this.log.info({}, `exchange reachable again at ${this.exchange} after ${duration(downForMs)} down`);
    this.downSince = null;
    this.failures = 0;
  }
}
