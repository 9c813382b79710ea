import type { FastifyWebhookHandler } from '@warden/adapters/telegram/telegramBot';
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../../deps.js';

/** Telegram updates carry whole messages; allow more than the API's small JSON bodies. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Where Telegram posts updates: the path of TELEGRAM_WEBHOOK_URL (the reverse proxy forwards it unchanged). */
export function webhookPath(config: ApiDeps['config']): string {
  return config.TELEGRAM_WEBHOOK_URL ? new URL(config.TELEGRAM_WEBHOOK_URL).pathname : '/telegram/webhook';
}

/**
 * TELEGRAM_MODE=webhook: mounts grammy's handler outside the bearer-token hook. Telegram proves
 * itself with the `X-Telegram-Bot-Api-Secret-Token` header (TELEGRAM_WEBHOOK_SECRET), which grammy
 * checks; chat ids and their roles are checked by the bot's own access rules.
 */
export function registerTelegramWebhook(app: FastifyInstance, deps: ApiDeps, handler: FastifyWebhookHandler): void {
  if (!deps.config.TELEGRAM_WEBHOOK_SECRET)
    deps.logger.warn(
      'TELEGRAM_MODE=webhook without TELEGRAM_WEBHOOK_SECRET: anyone who finds the URL can post updates (chat-id checks still apply)',
    );
  app.post(webhookPath(deps.config), { bodyLimit: WEBHOOK_BODY_LIMIT, schema: { hide: true } }, handler);
}
