import type { ActorRef, ActorSender } from '@warden/core/app/services';
import type { Role, TelegramGroupUsers } from '@warden/core/config/schema';
import { isGroupChat, telegramRole } from '@warden/core/config/telegramAccessRules';
import { roleAtLeast } from '@warden/core/state/tradingState';

/** The part of Telegram's `User` that identifies a sender (`message.from`, `callback_query.from`). */
export interface TelegramSender {
  readonly id: number;
  readonly username?: string;
}

/**
 * Who may talk to the bot. Only chats on TELEGRAM_CHAT_IDS are answered. A private chat gets the
 * role TELEGRAM_CHAT_ROLES gives it (viewer when unlisted); in a group chat the sender counts, not
 * only the chat: see `telegramRole` (TELEGRAM_GROUP_USERS).
 */
export class ChatAccess {
  private readonly allowed: ReadonlySet<string>;

  constructor(
    chatIds: readonly string[],
    private readonly roles: Readonly<Record<string, Role>>,
    private readonly groupUsers: TelegramGroupUsers = {},
  ) {
    this.allowed = new Set(chatIds);
  }

  get chatIds(): readonly string[] {
    return [...this.allowed];
  }

  isAllowed(chatId: number | string | undefined): boolean {
    return chatId !== undefined && this.allowed.has(String(chatId));
  }

  /** Group chats given a role above viewer with no user list: every member would be a viewer (see `telegramRole`). */
  groupsWithoutUserList(): string[] {
    return Object.entries(this.roles)
      .filter(([chat, role]) => isGroupChat(chat) && role !== 'viewer' && !this.groupUsers[chat])
      .map(([chat]) => chat);
  }

  /**
   * The highest role anyone has in this chat: a notification carries Approve / Reject buttons
   * where someone may press them (each press is checked against its own sender).
   */
  highestRoleIn(chatId: number | string): Role {
    const users = isGroupChat(chatId) ? Object.keys(this.groupUsers[String(chatId)] ?? {}) : [undefined];
    return users
      .map((user) => telegramRole(chatId, user === undefined ? undefined : Number(user), this.roles, this.groupUsers))
      .reduce<Role>((best, role) => (roleAtLeast(role, best) ? role : best), 'viewer');
  }

  /**
   * The actor every service call and audit event from this message carries: the chat as the actor
   * (`telegram:<chat id>`), the sender in `from` (recorded by every audit event as `inputs.sender`).
   */
  actorFor(chatId: number | string, sender: TelegramSender | undefined): ActorRef {
    const role = telegramRole(chatId, sender?.id, this.roles, this.groupUsers);
    const from: ActorSender | undefined = sender ? { id: sender.id, username: sender.username ?? null } : undefined;
    return { id: `telegram:${chatId}`, role, ...(from ? { from } : {}) };
  }

  /** "this chat has viewer" in a private chat, "user 42 (@alice) has viewer in this chat" in a group: who the role belongs to. */
  describeRole(chatId: number | string, actor: ActorRef): string {
    if (!isGroupChat(chatId) || !actor.from) return `this chat has ${actor.role}`;
    return `${describeSender(actor.from)} has ${actor.role} in this chat`;
  }
}

/** `user 42 (@alice)`, or `user 42` for a user without a username. */
export function describeSender(from: ActorSender): string {
  return `user ${from.id}${from.username ? ` (@${from.username})` : ''}`;
}
