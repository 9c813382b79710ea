import type { Notification } from '../ports/notifier.js';

/** Telegram rejects texts longer than 4096 characters; a cut message beats a lost one. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Plain text (no parse mode), so values such as reasons or symbols never need escaping. */
export function renderNotification(notification: Notification): string {
  const text = [notification.title, ...notification.lines].join('\n');
  return text.length <= MAX_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}
