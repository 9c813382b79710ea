import { isGroupChat } from '@warden/core/config/telegramAccessRules';
import { roleAtLeast } from '@warden/core/state/tradingState';
import type { Bot } from 'grammy';
import { type ChatAccess, describeSender } from './access.js';
import { auditRefusal } from './auditRefusal.js';
import type { TelegramServices } from './commands/types.js';
import { userFacingError } from './handleErrors.js';
import { APPROVAL_CALLBACK } from './keyboards.js';
import type { TelegramLogger } from './logger.js';

/**
 * Approve/reject buttons. Deciding needs operator (in a group: the user who pressed, see ChatAccess); the decision goes through the same
 * ApprovalService as the API (it re-validates and refuses an approval already decided or expired).
 * On success the original message is edited so the chat shows the outcome instead of live buttons.
 * What the chat is shown passes `redact`, as every reply does.
 */
export function registerApprovalButtons(
  bot: Bot,
  access: ChatAccess,
  services: TelegramServices,
  log: TelegramLogger,
  token: string | undefined,
  redact: (text: string) => string = (text) => text,
): void {
  bot.callbackQuery(APPROVAL_CALLBACK, async (ctx) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return ctx.answerCallbackQuery();
    const decision = ctx.match[1] as 'approve' | 'reject';
    const id = Number(ctx.match[2]);
    const actor = access.actorFor(chatId, ctx.from);
    if (!roleAtLeast(actor.role, 'operator')) {
      auditRefusal(services, log, { actor, chatId, action: `${decision} approval #${id}`, required: 'operator' });
      return ctx.answerCallbackQuery({
        text: `Deciding approvals needs role operator; ${access.describeRole(chatId, actor)}.`,
        show_alert: true,
      });
    }
    try {
      const approval =
        decision === 'approve' ? await services.approvals.approve(id, actor, null) : await services.approvals.reject(id, actor, null);
      await ctx.answerCallbackQuery({ text: `Approval #${id} ${approval.status.toLowerCase()}` });
      const original = ctx.callbackQuery.message && 'text' in ctx.callbackQuery.message ? (ctx.callbackQuery.message.text ?? '') : '';
      await ctx.editMessageText(
        redact(
          `${original}\n\n→ ${approval.status} by ${actor.id}${isGroupChat(chatId) && actor.from ? ` — ${describeSender(actor.from)}` : ''}`.trim(),
        ),
      );
    } catch (err) {
      await ctx.answerCallbackQuery({
        text: redact(userFacingError(err, log, { chatId, approvalId: id, decision }, token)),
        show_alert: true,
      });
    }
  });

  // A button whose data we do not recognise (an old keyboard after an upgrade): stop the spinner.
  bot.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: 'Unknown button.' }));
}
