import type { Notification } from '../ports/notifier.js';

/** A notification rendered for delivery, with its per-type mode already applied. */
export interface OutgoingMessage {
  readonly text: string;
  /** Deliver without sound (TELEGRAM_NOTIFY type:silent → Telegram's disable_notification). */
  readonly silent: boolean;
  readonly notification: Notification;
}

/**
 * One delivery channel (Telegram today). `send` must return at once: channels queue and retry on
 * their own, because a trading cycle never waits for a chat service.
 */
export interface NotificationChannel {
  readonly name: string;
  send(message: OutgoingMessage): void | Promise<void>;
}

/** The slice of a pino logger the core needs; core stays free of logging libraries. */
export interface NotificationLogger {
  warn(obj: object, msg: string): void;
}
