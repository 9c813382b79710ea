import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { verifyPassword } from '@warden/api/auth/passwords';
import { openStore } from '@warden/storage/openStore';
import { repoRoot } from '@warden/testkit/fixtures';
import { makeTempDir, tempDbPath } from '@warden/testkit/tempDir';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFirstLine, registerUserCommands, type UserCommandIo } from './users.js';

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

describe('--password-stdin', () => {
  const bytes = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

  it('takes the first line without its line ending, whatever the line ending and however the input is split', async () => {
    expect(await readFirstLine(bytes('pw-first-line\npw-first-line\n'))).toBe('pw-first-line');
    expect(await readFirstLine(bytes('windows-line\r\nsecond\r\n'))).toBe('windows-line');
    expect(await readFirstLine(bytes('old-mac\rsecond'))).toBe('old-mac');
    expect(await readFirstLine(bytes('no-line-end'))).toBe('no-line-end');
    expect(await readFirstLine(bytes('split-', 'acr', 'oss-chunks', '\nrest'))).toBe('split-across-chunks');
    // A multi-byte character cut between chunks stays one character.
    const euro = Buffer.from('pässwörd-€\n');
    expect(await readFirstLine(Readable.from([euro.subarray(0, 11), euro.subarray(11)]))).toBe('pässwörd-€');
    expect(await readFirstLine(bytes(''))).toBe('');
  });

  it('refuses a password with a control character, naming the rule, and adds nobody', async () => {
    const db = tempDbPath('warden-users-');
    process.env.DATABASE_PATH = db.path;
    const errors: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      for (const password of ['tab\there-long', 'escape\u001b[31m-long', 'del\u007f-long-enough']) {
        const program = new Command('warden').exitOverride();
        registerUserCommands(program, { readPassword: async () => password, out: () => {} });
        process.exitCode = 0;
        await program.parseAsync(['node', 'warden', 'users', 'add', 'eve', '--role', 'viewer', '--password-stdin']);
        expect(process.exitCode).toBe(1);
      }
      process.exitCode = 0;
      expect(errors.join('')).toMatch(
        /password contains a control character \(U\+0009 at position 4\): passwords may not contain line breaks, tabs or other control characters/,
      );
      expect(errors.join('')).toContain('U+001B');
      expect(errors.join('')).toContain('U+007F');
      const store = openStore(db.path);
      expect(store.users.count()).toBe(0);
      store.close();
    } finally {
      stderr.mockRestore();
      delete process.env.DATABASE_PATH;
      db.cleanup();
    }
  });

  it('the real command: printf "pw\\npw\\n" | warden users add … --password-stdin sets the first line as the password', async () => {
    const dir = makeTempDir('warden-users-cli-');
    try {
      const database = join(dir.dir, 'warden.db');
      const run = spawnSync(
        process.execPath,
        [join(repoRoot, 'apps', 'cli', 'bin', 'warden.js'), 'users', 'add', 'ops', '--role', 'operator', '--password-stdin'],
        {
          input: 'piped-password-1\npiped-password-1\n',
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', DATABASE_PATH: database },
          cwd: dir.dir,
          timeout: 120_000,
        },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const store = openStore(database);
      const hash = store.users.byName('ops')?.passwordHash ?? null;
      store.close();
      expect(await verifyPassword(hash, 'piped-password-1')).toBe(true);
      expect(await verifyPassword(hash, 'piped-password-1\npiped-password-1')).toBe(false);
    } finally {
      dir.cleanup();
    }
  });
});
