import type { ActorRef } from '@warden/core/app/services';
import type { Role } from '@warden/core/config/schema';

/**
 * Who may talk to the bot. Only chats on TELEGRAM_CHAT_IDS are answered; each gets the role
 * TELEGRAM_CHAT_ROLES gives it, viewer when unlisted (reading never needs more).
 */
export class ChatAccess {
  private readonly allowed: ReadonlySet<string>;

  constructor(
    chatIds: readonly string[],
    private readonly roles: Readonly<Record<string, Role>>,
  ) {
    this.allowed = new Set(chatIds);
  }

  get chatIds(): readonly string[] {
    return [...this.allowed];
  }

  isAllowed(chatId: number | string | undefined): boolean {
    return chatId !== undefined && this.allowed.has(String(chatId));
  }

  roleOf(chatId: number | string): Role {
    return this.roles[String(chatId)] ?? 'viewer';
  }

  /** The actor every service call and audit event from this chat carries. */
  actorFor(chatId: number | string): ActorRef {
    return { id: `telegram:${chatId}`, role: this.roleOf(chatId) };
  }
}
