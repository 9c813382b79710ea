import { configSecrets } from '@warden/core/config/redactConfig';
import type { EnvConfig, Role, TelegramGroupUsers } from '@warden/core/config/schema';

export interface TelegramOptions {
  readonly token: string | undefined;
  readonly apiUrl: string;
  readonly chatIds: readonly string[];
  readonly chatRoles: Readonly<Record<string, Role>>;
  /** TELEGRAM_GROUP_USERS: group chat id → user id → role. Absent: no group has a user list (every group member is a viewer). */
  readonly groupUsers?: TelegramGroupUsers;
  readonly mode: 'polling' | 'webhook';
  readonly webhookUrl: string | undefined;
  readonly webhookSecret: string | undefined;
  readonly queueMax: number;
  /** getUpdates long-poll timeout in seconds (Telegram's usual 30; tests shorten it). */
  readonly pollTimeoutSeconds?: number;
  /** Known secret values (`configSecrets`), removed from every command reply as from every notification. */
  readonly secrets?: readonly string[];
}

export function telegramOptionsFromConfig(config: EnvConfig): TelegramOptions {
  return {
    token: config.TELEGRAM_BOT_TOKEN,
    apiUrl: config.TELEGRAM_API_URL,
    chatIds: config.TELEGRAM_CHAT_IDS,
    chatRoles: config.TELEGRAM_CHAT_ROLES,
    groupUsers: config.TELEGRAM_GROUP_USERS,
    mode: config.TELEGRAM_MODE,
    webhookUrl: config.TELEGRAM_WEBHOOK_URL,
    webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
    queueMax: config.TELEGRAM_QUEUE_MAX,
    secrets: configSecrets(config),
  };
}
