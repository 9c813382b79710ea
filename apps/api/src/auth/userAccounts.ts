import { ROLES, type Role } from '@warden/core/config/schema';
import { ConflictError, NotFoundError, ValidationError } from '@warden/core/errors/errors';
import type { SqliteStore } from '@warden/storage/openStore';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';

/**
 * The API's accounts, one implementation for `warden users …` and `/api/users`. Role and password
 * changes bump the user's token version, which revokes every token they hold; every change is
 * audited with its actor (`cli:<os user>` or `user:<admin>`). The last admin can be neither removed
 * nor demoted: nobody could leave an emergency stop any more.
 */
export interface UserAccountDeps {
  readonly store: Pick<SqliteStore, 'users' | 'audit' | 'transaction'>;
  readonly now: number;
  readonly actor: string;
}

/** A user as shown to operators: never the password hash or the token version. */
export interface UserView {
  readonly username: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** 1–64 letters, digits, `_`, `.` or `-`: the API's route schema checks the same pattern. */
export const USER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export function checkUserName(name: string): string {
  if (!USER_NAME.test(name))
    throw new ValidationError(`invalid user name "${name}": use 1–64 letters, digits, "_", "." or "-"`, 'username');
  return name;
}

export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw new ValidationError(`invalid role "${role}": expected ${ROLES.join(', ')}`, 'role');
  return role as Role;
}

/** C0 controls (tab, line breaks, escape…), DEL and C1 controls: invisible, or lost on the way through a terminal or a form. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * At least MIN_PASSWORD_LENGTH and at most 1024 characters, none of them a control character.
 * Throws a ValidationError (field `password`) naming the rule that failed.
 */
export function checkPassword(password: string): string {
  const control = CONTROL_CHARACTER.exec(password);
  if (control) {
    const code = `U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new ValidationError(
      `password contains a control character (${code} at position ${control.index + 1}): passwords may not contain line breaks, tabs or other control characters`,
      'password',
    );
  }
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new ValidationError(`password too short: at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  if (password.length > 1024) throw new ValidationError('password too long: at most 1024 characters', 'password');
  return password;
}

function refuseLastAdmin(store: UserAccountDeps['store'], name: string, action: string): void {
  const admins = store.users.list().filter((u) => u.role === 'admin');
  if (admins.length === 1 && admins[0]?.username === name)
    throw new ConflictError(`refusing to ${action} ${name}: it is the only admin (add another admin first)`, { username: name });
}

function existing(store: UserAccountDeps['store'], name: string) {
  const user = store.users.byName(name);
  if (!user) throw new NotFoundError(`no user ${name}`, { username: name });
  return user;
}

function audit(d: UserAccountDeps, type: string, reason: string, inputs: unknown): void {
  d.store.audit.append({ time: d.now, type, actor: d.actor, reason, inputs, outcome: 'ok' });
}

export function viewOf(user: UserView): UserView {
  return { username: user.username, role: user.role, createdAt: user.createdAt, updatedAt: user.updatedAt };
}

export function listUsers(store: UserAccountDeps['store']): UserView[] {
  return store.users.list().map(viewOf);
}

export async function addUser(d: UserAccountDeps, name: string, role: string, password: string): Promise<UserView> {
  checkUserName(name);
  const r = checkRole(role);
  checkPassword(password);
  if (d.store.users.byName(name)) throw alreadyExists(name);
  const passwordHash = await hashPassword(password);
  // Checked again inside the transaction: someone may have added the name while the hash was computed.
  return d.store.transaction(() => {
    if (d.store.users.byName(name)) throw alreadyExists(name);
    const user = d.store.users.create({ username: name, passwordHash, role: r, now: d.now });
    audit(d, 'user.added', `user ${name} added as ${r}`, { username: name, role: r });
    return viewOf(user);
  });
}

function alreadyExists(name: string): ConflictError {
  return new ConflictError(`user ${name} already exists (change its role or password instead)`, { username: name });
}

/**
 * A new role and/or password, as one transaction: the password is hashed first, then the user is
 * looked up and the last-admin rule checked again inside the transaction, so nothing is recorded
 * for a user removed meanwhile. Either change revokes the user's tokens.
 */
export async function changeUser(d: UserAccountDeps, name: string, change: { role?: string; password?: string }): Promise<UserView> {
  const r = change.role === undefined ? undefined : checkRole(change.role);
  if (r === undefined && change.password === undefined) throw new ValidationError('nothing to change: give role and/or password', 'role');
  existing(d.store, name);
  const passwordHash = change.password === undefined ? undefined : await hashPassword(checkPassword(change.password));
  return d.store.transaction(() => {
    const user = existing(d.store, name);
    let updated = user;
    if (r !== undefined) {
      if (r !== 'admin') refuseLastAdmin(d.store, name, `make ${r}`);
      updated = d.store.users.setRole(name, r, d.now) ?? updated;
      audit(d, 'user.role_changed', `${name}: ${user.role} → ${r}; existing tokens revoked`, {
        username: name,
        before: user.role,
        after: r,
      });
    }
    if (passwordHash !== undefined) {
      updated = d.store.users.setPasswordHash(name, passwordHash, d.now) ?? updated;
      audit(d, 'user.password_changed', `${name}: password changed; existing tokens revoked`, { username: name });
    }
    return viewOf(updated);
  });
}

export function removeUser(d: UserAccountDeps, name: string): void {
  existing(d.store, name);
  d.store.transaction(() => {
    existing(d.store, name);
    refuseLastAdmin(d.store, name, 'remove');
    d.store.users.remove(name);
    audit(d, 'user.removed', `user ${name} removed`, { username: name });
  });
}
