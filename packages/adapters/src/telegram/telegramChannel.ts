import type { NotificationChannel, OutgoingMessage } from '@warden/core/notifications/channel';
import { roleAtLeast } from '@warden/core/state/tradingState';
import type { ChatAccess } from './access.js';
import { approvalKeyboard } from './keyboards.js';
import type { SendQueue } from './sendQueue.js';

/**
 * Sends every notification to every allow-listed chat through the background queue. A pending
 * approval gets approve/reject buttons in chats where someone may decide it (operator and up: the
 * chat, or in a group a listed user); viewer chats get the text alone, since pressing a button
 * nobody there may use would only produce a refusal.
 */
export class TelegramChannel implements NotificationChannel {
  readonly name = 'telegram';

  constructor(
    private readonly access: ChatAccess,
    private readonly queue: SendQueue,
  ) {}

  send(message: OutgoingMessage): void {
    const { notification } = message;
    const approvalId = notification.data?.approvalId;
    const pending = notification.type === 'approvals' && notification.data?.status === 'PENDING' && typeof approvalId === 'number';
    for (const chatId of this.access.chatIds) {
      const canDecide = roleAtLeast(this.access.highestRoleIn(chatId), 'operator');
      this.queue.enqueue({
        chatId,
        text: message.text,
        silent: message.silent,
        ...(pending && canDecide ? { keyboard: approvalKeyboard(approvalId) } : {}),
      });
    }
  }
}

/** Used when TELEGRAM_BOT_TOKEN is not set: notifications go nowhere, quietly. */
export const disabledTelegramChannel: NotificationChannel = { name: 'telegram (disabled)', send: () => {} };
