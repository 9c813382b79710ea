import type { ActorRef, ActorSender } from './services.js';

/**
 * What every audit event an actor causes adds to its `inputs`: `{ from }` when the actor carries
 * the person who sent it (a Telegram chat, where the chat alone does not say which member acted),
 * nothing otherwise. Spread it into the inputs of each `audit.append` that names the actor.
 */
export function actorInputs(actor: ActorRef): { readonly from?: ActorSender } {
  return actor.from ? { from: actor.from } : {};
}
