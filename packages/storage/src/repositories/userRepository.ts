import type { Role } from '@warden/core/config/schema';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { users } from '../schema.js';

export interface User {
  readonly id: number;
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly tokenVersion: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface UserRepository {
  create(user: { username: string; passwordHash: string; role: Role; now: number }): User;
  byName(username: string): User | null;
  list(): User[];
  setRole(username: string, role: Role, now: number): User | null;
  setPasswordHash(username: string, passwordHash: string, now: number): User | null;
  /** Invalidates every token issued so far (logout, role or password change). */
  bumpTokenVersion(username: string, now: number): User | null;
  remove(username: string): boolean;
  count(): number;
}

export function userRepository(db: Db): UserRepository {
  // Prepared once: with auth on, every API request looks its caller up (token version, role).
  const byNameQuery = db
    .select()
    .from(users)
    .where(eq(users.username, sql.placeholder('username')))
    .prepare();
  const byName = (username: string) => (byNameQuery.get({ username }) as User | undefined) ?? null;
  return {
    create({ username, passwordHash, role, now }) {
      return db
        .insert(users)
        .values({ username, passwordHash, role, tokenVersion: 0, createdAt: now, updatedAt: now })
        .returning()
        .get() as User;
    },
    byName,
    list: () => db.select().from(users).orderBy(asc(users.username)).all() as User[],
    setRole(username, role, now) {
      return (
        (db
          .update(users)
          .set({ role, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: now })
          .where(eq(users.username, username))
          .returning()
          .get() as User | undefined) ?? null
      );
    },
    setPasswordHash(username, passwordHash, now) {
      return (
        (db
          .update(users)
          .set({ passwordHash, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: now })
          .where(eq(users.username, username))
          .returning()
          .get() as User | undefined) ?? null
      );
    },
    bumpTokenVersion(username, now) {
      return (
        (db
          .update(users)
          .set({ tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: now })
          .where(eq(users.username, username))
          .returning()
          .get() as User | undefined) ?? null
      );
    },
    remove: (username) => db.delete(users).where(eq(users.username, username)).run().changes > 0,
    count: () => db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0,
  };
}
