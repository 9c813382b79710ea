import { actorInputs } from '@warden/core/app/actorInputs';
import type { ActorRef } from '@warden/core/app/services';
import type { Role } from '@warden/core/config/schema';
import { isGroupChat } from '@warden/core/config/telegramAccessRules';
import type { TelegramServices } from './commands/types.js';
import type { TelegramLogger } from './logger.js';

export interface Refusal {
  readonly actor: ActorRef;
  readonly chatId: number;
  /** `/stop`, `approve #12`… */
  readonly action: string;
  readonly required: Role;
  /** The refusal's own words, when a service refused (e.g. the state machine's role rule). */
  readonly reason?: string;
}

/**
 * An allow-listed chat tried something beyond its role: the attempt goes to the audit log as
 * `telegram.refused`, with the sender (`from`: Telegram user id and username) so a refusal in a
 * group chat says which member tried. (Updates from chats not on the allow-list are only logged: a
 * stranger could flood the audit log.)
 */
export function auditRefusal(services: TelegramServices, log: TelegramLogger, refusal: Refusal): void {
  const { actor, chatId, action, required, reason } = refusal;
  const fromId = actor.from?.id ?? null;
  log.warn({ chatId, fromId, action, role: actor.role, required }, 'telegram action refused: role too low');
  try {
    services.store.audit.append({
      time: services.clock.now(),
      type: 'telegram.refused',
      actor: actor.id,
      reason:
        reason ??
        `${action} needs role ${required}; ${isGroupChat(chatId) && actor.from ? `user ${actor.from.id}` : 'the chat'} has ${actor.role}`,
      inputs: { chatId, action, role: actor.role, required, ...actorInputs(actor) },
      outcome: 'refused',
    });
  } catch (error) {
    log.error(
      { chatId, fromId, action, error: error instanceof Error ? error.message : String(error) },
      'could not audit a refused telegram action',
    );
  }
}
