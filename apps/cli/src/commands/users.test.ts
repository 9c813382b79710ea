import { verifyPassword } from '@warden/api/auth/passwords';
import { openStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerUserCommands, type UserCommandIo } from './users.js';

describe('warden users', () => {
  let db: { path: string; cleanup: () => void };
  let out: string[];
  let passwords: string[];
  let asked: Array<{ stdin: boolean; confirm: boolean }>;
  const savedDbPath = process.env.DATABASE_PATH;

  const io: UserCommandIo = {
    readPassword: async (options) => {
      asked.push(options);
      return passwords.shift() ?? '';
    },
    out: (line) => out.push(line),
  };

  async function warden(...args: string[]): Promise<number> {
    const program = new Command('warden').exitOverride();
    registerUserCommands(program, io);
    process.exitCode = 0;
    await program.parseAsync(['node', 'warden', ...args]);
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return code;
  }

  const withStore = <T>(read: (store: ReturnType<typeof openStore>) => T): T => {
    const store = openStore(db.path);
    try {
      return read(store);
    } finally {
      store.close();
    }
  };

  beforeEach(() => {
    db = tempDbPath('warden-users-');
    process.env.DATABASE_PATH = db.path;
    out = [];
    passwords = [];
    asked = [];
  });
  afterEach(() => {
    if (savedDbPath === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = savedDbPath;
    db.cleanup();
  });

  it('add stores an argon2 hash (never the password), with the role, and audits it', async () => {
    passwords = ['s3cret-password'];
    expect(await warden('users', 'add', 'alice', '--role', 'admin', '--password-stdin')).toBe(0);
    expect(asked).toEqual([{ stdin: true, confirm: true }]);
    const user = withStore((s) => s.users.byName('alice'));
    expect(user?.role).toBe('admin');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user?.passwordHash ?? null, 's3cret-password')).toBe(true);
    const events = withStore((s) => s.audit.list({ type: 'user.added' }, { limit: 5 }).items);
    expect(events[0]?.actor).toMatch(/^cli:/);
    expect(JSON.stringify(events)).not.toContain('s3cret-password');
  });

  it('refuses a bad role, a short password and a duplicate name with exit code 1', async () => {
    expect(await warden('users', 'add', 'bob', '--role', 'root', '--password-stdin')).toBe(1);
    passwords = ['short'];
    expect(await warden('users', 'add', 'bob', '--role', 'viewer')).toBe(1);
    passwords = ['long-enough-1', 'long-enough-2'];
    expect(await warden('users', 'add', 'bob', '--role', 'viewer')).toBe(0);
    expect(await warden('users', 'add', 'bob', '--role', 'viewer')).toBe(1);
    expect(withStore((s) => s.users.count())).toBe(1);
  });

  it('set-role and set-password revoke existing tokens (the token version moves)', async () => {
    passwords = ['first-password', 'second-password', 'admin-password'];
    await warden('users', 'add', 'carol', '--role', 'viewer');
    await warden('users', 'add', 'root', '--role', 'admin');
    const v0 = withStore((s) => s.users.byName('carol')?.tokenVersion ?? -1);
    expect(await warden('users', 'set-role', 'carol', 'operator')).toBe(0);
    const afterRole = withStore((s) => s.users.byName('carol'));
    expect(afterRole?.role).toBe('operator');
    expect(afterRole?.tokenVersion).toBeGreaterThan(v0);
    passwords = ['changed-password'];
    expect(await warden('users', 'set-password', 'carol')).toBe(0);
    const afterPassword = withStore((s) => s.users.byName('carol'));
    expect(afterPassword?.tokenVersion).toBeGreaterThan(afterRole?.tokenVersion ?? 0);
    expect(await verifyPassword(afterPassword?.passwordHash ?? null, 'changed-password')).toBe(true);
  });

  it('will not remove or demote the only admin; list shows users without hashes', async () => {
    passwords = ['admin-password'];
    await warden('users', 'add', 'root', '--role', 'admin');
    expect(await warden('users', 'remove', 'root')).toBe(1);
    expect(await warden('users', 'set-role', 'root', 'viewer')).toBe(1);
    passwords = ['other-password'];
    await warden('users', 'add', 'dave', '--role', 'viewer');
    expect(await warden('users', 'remove', 'dave')).toBe(0);
    out = [];
    await warden('users', 'list');
    expect(out.join('\n')).toContain('root');
    expect(out.join('\n')).not.toContain('dave');
    expect(out.join('\n')).not.toContain('argon2');
  });
});
