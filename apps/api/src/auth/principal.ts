import type { ActorRef } from '@warden/core/app/services';
import type { Role } from '@warden/core/config/schema';

/** Minimum role a route needs; `public` routes need no token (health, login). */
export type Access = 'public' | Role;

/** The authenticated caller of a request. */
export interface Principal {
  readonly username: string;
  readonly role: Role;
  /** `user:<name>`: the actor recorded in the audit log. */
  readonly actor: ActorRef;
}

export function principalFor(username: string, role: Role): Principal {
  return { username, role, actor: { id: `user:${username}`, role } };
}

/** AUTH_ENABLED=false is local trusted mode: everything is allowed and audited as `user:local`. */
export const LOCAL_PRINCIPAL: Principal = principalFor('local', 'admin');

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route declares who may call it; a route without it is refused (fail closed). */
    access?: Access;
    /** EventSource cannot send headers, so the stream alone also accepts `?token=`. */
    queryToken?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
