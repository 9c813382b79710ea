import type { ActorRef } from '@warden/core/app/services';
import type { Role } from '@warden/core/config/schema';
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
 * `telegram.refused`, where the operator reviews who did what. (Updates from chats not on the
 * allow-list are only logged: a stranger could flood the audit log.)
 */
export function auditRefusal(services: TelegramServices, log: TelegramLogger, refusal: Refusal): void {
  const { actor, chatId, action, required, reason } = refusal;
  log.warn({ chatId, action, role: actor.role, required }, 'telegram action refused: role too low');
  try {
    services.store.audit.append({
      time: services.clock.now(),
      type: 'telegram.refused',
      actor: actor.id,
      reason: reason ?? `${action} needs role ${required}; the chat has ${actor.role}`,
      inputs: { chatId, action, role: actor.role, required },
      outcome: 'refused',
    });
  } catch (error) {
    log.error(
      { chatId, action, error: error instanceof Error ? error.message : String(error) },
      'could not audit a refused telegram action',
    );
  }
}
