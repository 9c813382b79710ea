import type { ActorRef, ActorSender } from './services.js';

/**
 * What every audit event an actor causes adds to its `inputs`: `{ sender }` when the actor carries
 * the person who sent it (a Telegram chat, where the chat alone does not say which member acted),
 * nothing otherwise. Spread it into the inputs of each `audit.append` that names the actor. Named
 * `sender`, not `from`: a state transition's `from` is the state it left.
 */
export function actorInputs(actor: ActorRef): { readonly sender?: ActorSender } {
  return actor.from ? { sender: actor.from } : {};
}
