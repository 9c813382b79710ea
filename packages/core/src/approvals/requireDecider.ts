import type { ActorRef } from '../app/services.js';
import { ForbiddenError } from '../errors/errors.js';
import { roleAtLeast } from '../state/tradingState.js';

/** Deciding an approval changes what the bot trades with: operators and admins only (viewers get 403). */
export function requireDecider(actor: ActorRef, action: string): void {
  if (!roleAtLeast(actor.role, 'operator'))
    throw new ForbiddenError(`${action} needs role operator or admin, ${actor.id} has ${actor.role}`, {
      actor: actor.id,
      role: actor.role,
    });
}
