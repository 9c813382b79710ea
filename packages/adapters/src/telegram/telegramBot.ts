import type { NotificationChannel } from '@warden/core/notifications/channel';
import { createRedactor } from '@warden/core/security/redaction';
import { Bot, type Context, webhookCallback } from 'grammy';
import { ChatAccess } from './access.js';
import { registerApprovalButtons } from './approvalButtons.js';
import { COMMANDS } from './commands/registry.js';
import type { TelegramServices } from './commands/types.js';
import { describeError, type TelegramLogger } from './logger.js';
import type { TelegramOptions } from './options.js';
import { registerCommands } from './registerCommands.js';
import { SendQueue, type Sleep } from './sendQueue.js';
import { disabledTelegramChannel, TelegramChannel } from './telegramChannel.js';

/** A handler the API server mounts for TELEGRAM_MODE=webhook: `app.post(path, runtime.webhookHandler)`. */
export type FastifyWebhookHandler = ReturnType<typeof webhookCallback<Context, 'fastify'>>;

export interface TelegramRuntime {
  readonly enabled: boolean;
  /** Give this to the NotificationRouter. */
  readonly channel: NotificationChannel;
  /** Set in webhook mode only. */
  readonly webhookHandler: FastifyWebhookHandler | null;
  /** Polling: starts the long-poll loop in the background. Webhook: registers TELEGRAM_WEBHOOK_URL. Never throws. */
  start(): Promise<void>;
  /** Lets queued messages (e.g. the shutdown notice) go out for up to `graceMs`, then stops. */
  stop(graceMs?: number): Promise<void>;
}

export interface TelegramDeps {
  readonly services: TelegramServices;
  readonly log: TelegramLogger;
  /** Tests inject it to observe and control retry waits. */
  readonly sleep?: Sleep;
}

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export function createTelegram(options: TelegramOptions, deps: TelegramDeps): TelegramRuntime {
  const { log } = deps;
  if (!options.token) {
    log.info({}, 'Telegram disabled: TELEGRAM_BOT_TOKEN is not set');
    return { enabled: false, channel: disabledTelegramChannel, webhookHandler: null, start: async () => {}, stop: async () => {} };
  }
  const token = options.token;
  if (options.chatIds.length === 0) log.warn({}, 'Telegram enabled but TELEGRAM_CHAT_IDS is empty: no chat will be notified or answered');

  const bot = new Bot(token, { client: { apiRoot: options.apiUrl } });
  const access = new ChatAccess(options.chatIds, options.chatRoles, options.groupUsers);
  // parseConfig refuses this; a caller building options by hand gets viewers there, and is told loudly.
  for (const chatId of access.groupsWithoutUserList())
    log.error(
      { chatId, role: options.chatRoles[chatId] },
      'telegram group chat has a role above viewer but no TELEGRAM_GROUP_USERS list: its members are treated as viewers',
    );
  const queue = new SendQueue({
    max: options.queueMax,
    log,
    token,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    deliver: async (m) => {
      await bot.api.sendMessage(m.chatId, m.text, { disable_notification: m.silent, ...(m.keyboard ? { reply_markup: m.keyboard } : {}) });
    },
  });
  // Replies get the redaction notifications get (NotificationRouter): known secrets, the bot token and URL credentials.
  const redact = createRedactor([...(options.secrets ?? []), token]);
  registerCommands(bot, access, deps.services, log, token, redact);
  registerApprovalButtons(bot, access, deps.services, log, token, redact);
  bot.catch((err) =>
    log.error({ updateId: err.ctx.update.update_id, error: describeError(err.error, token) }, 'telegram update handler failed'),
  );

  const webhook = options.mode === 'webhook';
  const webhookHandler = webhook
    ? webhookCallback(bot, 'fastify', options.webhookSecret ? { secretToken: options.webhookSecret } : {})
    : null;

  const registerMenu = () =>
    bot.api.setMyCommands(COMMANDS.map((c) => ({ command: c.name, description: c.description.slice(0, 256) }))).catch((err: unknown) => {
      log.warn({ error: describeError(err, token) }, 'telegram setMyCommands failed');
    });

  return {
    enabled: true,
    channel: new TelegramChannel(access, queue),
    webhookHandler,
    async start() {
      try {
        await bot.init();
        await registerMenu();
        if (webhook) {
          if (!options.webhookUrl) throw new Error('TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL');
          await bot.api.setWebhook(options.webhookUrl, {
            allowed_updates: ALLOWED_UPDATES,
            ...(options.webhookSecret ? { secret_token: options.webhookSecret } : {}),
          });
          log.info({ bot: bot.botInfo.username, mode: 'webhook' }, 'Telegram webhook registered');
          return;
        }
        // bot.start resolves only when polling stops; it runs beside the trading loop, never in it.
        void bot
          .start({ allowed_updates: ALLOWED_UPDATES, timeout: options.pollTimeoutSeconds ?? 30 })
          .catch((err: unknown) => log.error({ error: describeError(err, token) }, 'telegram polling stopped'));
        log.info({ bot: bot.botInfo.username, mode: 'polling', chats: access.chatIds.length }, 'Telegram polling started');
      } catch (err) {
        // Commands stay unavailable, but notifications still queue and retry: never fail the app.
        log.error({ error: describeError(err, token) }, 'Telegram start failed');
      }
    },
    async stop(graceMs = 5_000) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([queue.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      queue.close();
      if (bot.isRunning()) await bot.stop().catch((err: unknown) => log.warn({ error: describeError(err, token) }, 'telegram stop failed'));
    },
  };
}
