import type { TelegramOptions } from '@warden/adapters/telegram/options';
import type { TelegramDeps, TelegramRuntime } from '@warden/adapters/telegram/telegramBot';

/**
 * The Telegram bot when TELEGRAM_BOT_TOKEN is set, or null. grammy (and the bot's command
 * modules) are imported only then, so a bot without Telegram never loads them.
 */
export async function startTelegram(options: TelegramOptions, deps: TelegramDeps): Promise<TelegramRuntime | null> {
  if (!options.token) return null;
  const { createTelegram } = await import('@warden/adapters/telegram/telegramBot');
  return createTelegram(options, deps);
}
