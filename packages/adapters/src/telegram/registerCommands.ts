import { IllegalTransitionError } from '@warden/core/errors/errors';
import { roleAtLeast } from '@warden/core/state/tradingState';
import type { Bot } from 'grammy';
import type { ChatAccess } from './access.js';
import { auditRefusal } from './auditRefusal.js';
import { COMMANDS } from './commands/registry.js';
import type { TelegramServices } from './commands/types.js';
import { userFacingError } from './handleErrors.js';
import type { TelegramLogger } from './logger.js';

/**
 * The guard first: an update from a chat that is not allow-listed is logged and dropped without a
 * reply (answering would confirm to a stranger that the bot exists and listens). Then one handler
 * per command, each checking the sender's role (the chat's, or in a group the listed user's)
 * before calling the application service. Every reply passes `redact` (the notifications'
 * redaction: known secrets and URL credentials), since replies carry error texts and stored values.
 */
export function registerCommands(
  bot: Bot,
  access: ChatAccess,
  services: TelegramServices,
  log: TelegramLogger,
  token: string | undefined,
  redact: (text: string) => string = (text) => text,
): void {
  bot.use(async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (!access.isAllowed(chatId)) {
      log.warn(
        { chatId: chatId ?? null, fromId: ctx.from?.id ?? null, updateId: ctx.update.update_id },
        'telegram update from a chat not on TELEGRAM_CHAT_IDS ignored',
      );
      return;
    }
    await next();
  });

  for (const spec of COMMANDS) {
    bot.command(spec.name, async (ctx) => {
      const actor = access.actorFor(ctx.chat.id, ctx.from);
      if (!roleAtLeast(actor.role, spec.minRole)) {
        auditRefusal(services, log, { actor, chatId: ctx.chat.id, action: `/${spec.name}`, required: spec.minRole });
        await ctx.reply(redact(`/${spec.name} needs role ${spec.minRole}; ${access.describeRole(ctx.chat.id, actor)}.`));
        return;
      }
      try {
        const replies = await spec.run(services, { actor, args: typeof ctx.match === 'string' ? ctx.match : '' });
        for (const r of replies) await ctx.reply(redact(r.text), r.keyboard ? { reply_markup: r.keyboard } : {});
      } catch (err) {
        // A role rule enforced deeper down (the state machine: leaving EMERGENCY_STOP needs an admin) is audited like the one above.
        if (err instanceof IllegalTransitionError && err.requiredRole !== null && err.requiredRole !== 'system')
          auditRefusal(services, log, {
            actor,
            chatId: ctx.chat.id,
            action: `/${spec.name}`,
            required: err.requiredRole,
            reason: err.message,
          });
        await ctx.reply(redact(userFacingError(err, log, { chatId: ctx.chat.id, command: spec.name }, token)));
      }
    });
  }
}
