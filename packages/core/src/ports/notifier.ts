import type { NotificationType } from '../config/schema.js';

export interface Notification {
  readonly type: NotificationType;
  readonly title: string;
  readonly lines: readonly string[];
  /** Structured data for channels that render it (e.g. approval id for inline buttons). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Fire-and-forget: a channel outage must never block or fail a trading cycle. */
export interface Notifier {
  notify(notification: Notification): void;
}

export const silentNotifier: Notifier = { notify: () => {} };
