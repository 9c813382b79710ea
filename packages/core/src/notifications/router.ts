import type { NotificationMode, NotificationType } from '../config/schema.js';
import type { Notification, Notifier } from '../ports/notifier.js';
import { redactDeep, redactText } from '../security/redaction.js';
import type { NotificationChannel, NotificationLogger } from './channel.js';
import { errorMessage } from './format.js';
import { renderNotification } from './render.js';

export type NotificationModes = Partial<Record<NotificationType, NotificationMode>>;

/**
 * Applies TELEGRAM_NOTIFY (each type on, off or silent; on when unlisted) and fans a notification
 * out to every channel. A failing channel is logged and skipped: it must neither stop the others
 * nor reach the trading cycle that called `notify`.
 */
export class NotificationRouter implements Notifier {
  private readonly channels: NotificationChannel[];

  /** `secrets`: known secret values (`configSecrets(config)`), redacted with every URL credential from each message before any channel sees it. */
  constructor(
    channels: readonly NotificationChannel[],
    private readonly modes: NotificationModes,
    private readonly log: NotificationLogger,
    private readonly secrets: readonly string[] = [],
  ) {
    this.channels = [...channels];
  }

  /**
   * For wiring order: the services take the router as their notifier before the Telegram channel
   * (which needs those services for its commands) exists.
   */
  addChannel(channel: NotificationChannel): void {
    this.channels.push(channel);
  }

  modeOf(type: NotificationType): NotificationMode {
    return this.modes[type] ?? 'on';
  }

  notify(raw: Notification): void {
    const mode = this.modeOf(raw.type);
    if (mode === 'off') return;
    // Titles and lines often carry error messages (an exchange or LLM URL, a bot token in a path).
    const notification: Notification = {
      ...raw,
      title: redactText(raw.title, this.secrets),
      lines: raw.lines.map((line) => redactText(line, this.secrets)),
      ...(raw.data ? { data: redactDeep(raw.data, this.secrets) as Notification['data'] } : {}),
    };
    let text: string;
    try {
      text = renderNotification(notification);
    } catch (err) {
      this.log.warn({ type: notification.type, error: errorMessage(err) }, 'notification could not be rendered');
      return;
    }
    const message = { text, silent: mode === 'silent', notification };
    for (const channel of this.channels) {
      try {
        const pending = channel.send(message);
        if (pending) pending.catch((err: unknown) => this.contain(channel, notification, err));
      } catch (err) {
        this.contain(channel, notification, err);
      }
    }
  }

  private contain(channel: NotificationChannel, notification: Notification, err: unknown): void {
    this.log.warn({ channel: channel.name, type: notification.type, error: errorMessage(err) }, 'notification channel failed');
  }
}
