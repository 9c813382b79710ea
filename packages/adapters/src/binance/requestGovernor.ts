import { FatalExchangeError, TransientExchangeError } from '@warden/core/errors/errors';
import { translateExchangeError } from './exchangeErrors.js';

export interface GovernorOptions {
  /** REQUEST_WEIGHT per minute (Binance spot: 6000). */
  readonly weightLimit?: number;
  /** Above this share of the budget, requests are spaced out. */
  readonly slowDownAt?: number;
  /** Above this share, requests wait for the next minute's budget. */
  readonly pauseAt?: number;
  /** Retries of a read after the first attempt. */
  readonly maxRetries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Longest a caller is made to wait for a Retry-After or ban; beyond it the error is thrown at once. */
  readonly maxWaitMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called when Binance rejects our timestamp (-1021): the exchange clock resyncs before the retry. */
  readonly onTimestampRejected?: () => Promise<void>;
  readonly onWait?: (reason: 'retry-after' | 'weight' | 'backoff', ms: number) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exchange etiquette shared by market data and the live broker: no request while a 429/418
 * Retry-After runs, spacing out near the request-weight budget (X-MBX-USED-WEIGHT-1M), and capped
 * exponential backoff for reads. Orders use `once` (never resent); reads use `read`.
 */
export class RequestGovernor {
  private blockedUntil = 0;
  private banned = false;
  private usedWeight = 0;
  private usedWeightMinute = -1;
  private readonly o: Required<Omit<GovernorOptions, 'onTimestampRejected' | 'onWait'>> &
    Pick<GovernorOptions, 'onTimestampRejected' | 'onWait'>;

  constructor(options: GovernorOptions = {}) {
    this.o = {
      weightLimit: 6000,
      slowDownAt: 0.7,
      pauseAt: 0.9,
      maxRetries: 4,
      baseDelayMs: 250,
      maxDelayMs: 8_000,
      maxWaitMs: 120_000,
      now: Date.now,
      sleep: realSleep,
      ...options,
    };
  }

  /** The weight Binance last reported for the current minute (0 once that minute is over). */
  get weightUsed(): number {
    return Math.floor(this.o.now() / 60_000) === this.usedWeightMinute ? this.usedWeight : 0;
  }

  /** Feed every HTTP response here (BinanceExchange's observer). */
  observe(status: number, headers: Readonly<Record<string, string>>): void {
    const now = this.o.now();
    const used = Number(headers['X-Mbx-Used-Weight-1m'] ?? headers['x-mbx-used-weight-1m']);
    if (Number.isFinite(used)) {
      this.usedWeight = used;
      this.usedWeightMinute = Math.floor(now / 60_000);
    }
    if (status === 429 || status === 418) {
      const seconds = Number(headers['Retry-After'] ?? headers['retry-after']);
      // Without a Retry-After, assume the rest of the minute (the weight window).
      const waitMs = Number.isFinite(seconds) ? seconds * 1000 : 60_000 - (now % 60_000);
      this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
      this.banned = this.banned || status === 418;
    }
  }

  /** A read: retried on transient errors with capped exponential backoff, honouring Retry-After. */
  async read<T>(label: string, request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(label, request);
      } catch (error) {
        if (!(error instanceof TransientExchangeError) || attempt >= this.o.maxRetries) throw error;
        if (error.retryAfterMs !== null) {
          if (error.retryAfterMs > this.o.maxWaitMs) throw error;
          this.blockedUntil = Math.max(this.blockedUntil, this.o.now() + error.retryAfterMs);
        }
        if (error.context.timestampRejected === true) await this.o.onTimestampRejected?.();
        const backoff = this.backoffMs(attempt);
        // A rate limit is waited out by `once` (blockedUntil); other errors back off.
        if (error.retryAfterMs === null) {
          this.o.onWait?.('backoff', backoff);
          await this.o.sleep(backoff);
        }
      }
    }
  }

  /** One attempt, sent only when the venue allows it; errors come back typed. */
  async once<T>(label: string, request: () => Promise<T>): Promise<T> {
    await this.waitForTurn(label);
    try {
      return await request();
    } catch (error) {
      throw translateExchangeError(error, label);
    }
  }

  /** Capped exponential backoff with full jitter kept in the upper half (never a burst of instant retries). */
  backoffMs(attempt: number): number {
    const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** attempt);
    return Math.round(cap / 2 + (Math.random() * cap) / 2);
  }

  private async waitForTurn(label: string): Promise<void> {
    const now = this.o.now();
    const blockedFor = this.blockedUntil - now;
    if (blockedFor > 0) {
      if (this.banned && blockedFor > this.o.maxWaitMs)
        throw new FatalExchangeError(`IP banned by Binance for another ${blockedFor} ms; not sending ${label}`, {
          retryAfterMs: blockedFor,
        });
      if (blockedFor > this.o.maxWaitMs)
        throw new TransientExchangeError(`rate limited by Binance for another ${blockedFor} ms; not sending ${label}`, blockedFor);
      this.o.onWait?.('retry-after', blockedFor);
      await this.o.sleep(blockedFor);
    }
    if (this.o.now() >= this.blockedUntil) this.banned = false;
    const weightWait = this.weightWaitMs(this.o.now());
    if (weightWait > 0) {
      this.o.onWait?.('weight', weightWait);
      await this.o.sleep(weightWait);
    }
  }

  /** Near the budget, spread the rest of the minute's weight out; at the limit, wait for the next minute. */
  weightWaitMs(now: number): number {
    if (Math.floor(now / 60_000) !== this.usedWeightMinute) return 0;
    const share = this.usedWeight / this.o.weightLimit;
    const toNextMinute = 60_000 - (now % 60_000) + 250;
    if (share >= this.o.pauseAt) return toNextMinute;
    if (share >= this.o.slowDownAt)
      return Math.min(toNextMinute, Math.round(((share - this.o.slowDownAt) / (this.o.pauseAt - this.o.slowDownAt)) * 2_000));
    return 0;
  }
}
