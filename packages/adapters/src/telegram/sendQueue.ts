import { GrammyError, HttpError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { describeError, type TelegramLogger } from './logger.js';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface QueuedMessage {
  readonly chatId: string;
  readonly text: string;
  readonly silent: boolean;
  readonly keyboard?: InlineKeyboardMarkup;
}

export interface SendQueueOptions {
  /** TELEGRAM_QUEUE_MAX. When full, the oldest message is dropped: fresh news beats stale news. */
  readonly max: number;
  readonly deliver: (message: QueuedMessage) => Promise<void>;
  readonly log: TelegramLogger;
  readonly token?: string;
  /** Injected so tests can observe and control waits instead of sleeping. */
  readonly sleep?: Sleep;
  /** Failed attempts (5xx, network) before a message is dropped. Flood waits (429) do not count. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

type Verdict = { readonly retry: false } | { readonly retry: true; readonly delayMs: number };

/** A generous cap on consecutive flood waits for one message, so a stuck 429 cannot hold the queue forever. */
const MAX_FLOOD_WAITS = 30;

interface Entry {
  readonly message: QueuedMessage;
  attempts: number;
  floodWaits: number;
}

/**
 * Delivers messages one at a time, in order, in the background. `enqueue` returns at once, so a
 * Telegram outage never slows the caller: messages wait here (bounded), 429s are honoured with
 * the server's `retry_after`, 5xx and network errors are retried with exponential backoff, and
 * anything dropped (queue full, attempts exhausted, permanent 4xx) is logged.
 */
export class SendQueue {
  private readonly entries: Entry[] = [];
  private running = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly sleep: Sleep;

  constructor(private readonly options: SendQueueOptions) {
    this.sleep = options.sleep ?? realSleep;
  }

  get size(): number {
    return this.entries.length;
  }

  enqueue(message: QueuedMessage): void {
    if (this.closed) {
      this.options.log.warn({ chatId: message.chatId }, 'telegram message dropped: channel is shut down');
      return;
    }
    if (this.entries.length >= this.options.max) {
      const dropped = this.entries.shift();
      this.options.log.warn(
        { chatId: dropped?.message.chatId, queueMax: this.options.max, text: dropped?.message.text.slice(0, 80) },
        'telegram queue full: oldest message dropped',
      );
    }
    this.entries.push({ message, attempts: 0, floodWaits: 0 });
    if (!this.running) void this.pump();
  }

  /** Resolves when every queued message was delivered or dropped. */
  idle(): Promise<void> {
    if (!this.running && this.entries.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops delivering; what is still queued is dropped and counted in the log. */
  close(): void {
    this.closed = true;
    if (this.entries.length > 0) this.options.log.warn({ dropped: this.entries.length }, 'telegram queue closed with undelivered messages');
    this.entries.length = 0;
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (!this.closed) {
        const entry = this.entries[0];
        if (!entry) break;
        const verdict = await this.attempt(entry);
        if (verdict === null || !verdict.retry) {
          this.remove(entry);
          continue;
        }
        await this.sleep(verdict.delayMs);
      }
    } finally {
      this.running = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Null when delivered; otherwise whether and when to try again. */
  private async attempt(entry: Entry): Promise<Verdict | null> {
    try {
      await this.options.deliver(entry.message);
      return null;
    } catch (err) {
      const verdict = this.classify(err, entry);
      const context = {
        chatId: entry.message.chatId,
        error: describeError(err, this.options.token),
        attempts: entry.attempts,
        floodWaits: entry.floodWaits,
      };
      if (verdict.retry) this.options.log.warn({ ...context, retryInMs: verdict.delayMs }, 'telegram send failed, will retry');
      else this.options.log.error(context, 'telegram message dropped after send failure');
      return verdict;
    }
  }

  private classify(err: unknown, entry: Entry): Verdict {
    if (err instanceof GrammyError && err.error_code === 429) {
      entry.floodWaits += 1;
      if (entry.floodWaits > MAX_FLOOD_WAITS) return { retry: false };
      const seconds = err.parameters.retry_after ?? 1;
      return { retry: true, delayMs: seconds * 1000 };
    }
    // 4xx other than 429 (bad chat id, bot blocked, text too long) will fail the same way again.
    if (err instanceof GrammyError && err.error_code < 500) return { retry: false };
    const transient = err instanceof HttpError || err instanceof GrammyError;
    entry.attempts += 1;
    if (!transient || entry.attempts >= (this.options.maxAttempts ?? 6)) return { retry: false };
    const base = this.options.baseDelayMs ?? 1_000;
    const delayMs = Math.min(base * 2 ** (entry.attempts - 1), this.options.maxDelayMs ?? 60_000);
    return { retry: true, delayMs };
  }

  private remove(entry: Entry): void {
    const index = this.entries.indexOf(entry);
    if (index >= 0) this.entries.splice(index, 1);
  }
}
