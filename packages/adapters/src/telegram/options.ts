import type { EnvConfig, Role } from '@warden/core/config/schema';

export interface TelegramOptions {
  readonly token: string | undefined;
  readonly apiUrl: string;
  readonly chatIds: readonly string[];
  readonly chatRoles: Readonly<Record<string, Role>>;
  readonly mode: 'polling' | 'webhook';
  readonly webhookUrl: string | undefined;
  readonly webhookSecret: string | undefined;
  readonly queueMax: number;
  /** getUpdates long-poll timeout in seconds (Telegram's usual 30; tests shorten it). */
  readonly pollTimeoutSeconds?: number;
}

export function telegramOptionsFromConfig(config: EnvConfig): TelegramOptions {
  return {
    token: config.TELEGRAM_BOT_TOKEN,
    apiUrl: config.TELEGRAM_API_URL,
    chatIds: config.TELEGRAM_CHAT_IDS,
    chatRoles: config.TELEGRAM_CHAT_ROLES,
    mode: config.TELEGRAM_MODE,
    webhookUrl: config.TELEGRAM_WEBHOOK_URL,
    webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
    queueMax: config.TELEGRAM_QUEUE_MAX,
  };
}
