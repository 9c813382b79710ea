import { ROLES } from '@warden/core/config/schema';
import { z } from 'zod';
import { addUser, changeUser, checkPassword, listUsers, removeUser, USER_NAME, type UserAccountDeps } from '../../auth/userAccounts.js';
import { emptyBody, okResponse } from '../auth/schema.js';
import { bearer, errorResponses, principalOf, type RoutePlugin } from '../context.js';

const userView = z.object({ username: z.string(), role: z.enum(ROLES), createdAt: z.number(), updatedAt: z.number() });
const usernameParam = z.strictObject({ username: z.string().regex(USER_NAME) });
/** The account rules' own check (length, no control characters), so the API names the field `body.password`. */
const password = z.string().superRefine((value, ctx) => {
  try {
    checkPassword(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'invalid password' });
  }
});

/**
 * Admin-only account management: the same rules as `warden users …` (one implementation,
 * `auth/userAccounts.ts`). A role or password change revokes the user's tokens; the last admin can
 * be neither removed nor demoted (409). Responses never carry a password hash.
 */
export const userRoutes: RoutePlugin = async (app, { deps }) => {
  const accounts = (request: { principal: Parameters<typeof principalOf>[0]['principal'] }): UserAccountDeps => ({
    store: deps.store,
    now: deps.clock.now(),
    actor: principalOf(request).actor.id,
  });

  app.get(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        operationId: 'listUsers',
        summary: 'Users and their roles (never passwords)',
        security: bearer,
        response: { 200: z.object({ items: z.array(userView).readonly() }), ...errorResponses },
      },
    },
    async () => ({ items: listUsers(deps.store) }),
  );

  app.post(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        operationId: 'createUser',
        summary: 'Add a user',
        security: bearer,
        body: z.strictObject({ username: usernameParam.shape.username, role: z.enum(ROLES), password }),
        response: { 200: userView, ...errorResponses },
      },
    },
    async (request) => addUser(accounts(request), request.body.username, request.body.role, request.body.password),
  );

  app.patch(
    '/users/:username',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        operationId: 'updateUser',
        summary: "Change a user's role and/or password; their tokens are revoked",
        security: bearer,
        params: usernameParam,
        body: z.strictObject({ role: z.enum(ROLES).optional(), password: password.optional() }),
        response: { 200: userView, ...errorResponses },
      },
    },
    async (request) => changeUser(accounts(request), request.params.username, request.body),
  );

  app.delete(
    '/users/:username',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        operationId: 'deleteUser',
        summary: 'Remove a user (not the only admin)',
        security: bearer,
        params: usernameParam,
        body: emptyBody,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (request) => {
      removeUser(accounts(request), request.params.username);
      return { ok: true as const };
    },
  );
};
