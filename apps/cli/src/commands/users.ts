import { userInfo } from 'node:os';
import { addUser, changeUser, checkRole, checkUserName, listUsers, removeUser, type UserAccountDeps } from '@warden/api/auth/userAccounts';
import { ROLES } from '@warden/core/config/schema';
import { NotFoundError, WardenError } from '@warden/core/errors/errors';
import type { Command } from 'commander';
import { loadConfig } from '../context.js';
import { openStoreFor } from '../openStoreFor.js';

/**
 * `warden users …`: the API's accounts, through the same implementation as `/api/users`
 * (`@warden/api/auth/userAccounts`). Each change is audited with the actor `cli:<os user>`.
 */

export class UserCommandError extends Error {}

export interface UserCommandIo {
  /** The password: hidden prompt on a terminal, or the first line of stdin with --password-stdin. */
  readPassword(options: { stdin: boolean; confirm: boolean }): Promise<string>;
  out(line: string): void;
}

export type UserActionDeps = UserAccountDeps;

export function listUserLines(store: UserAccountDeps['store']): string[] {
  const users = listUsers(store);
  if (users.length === 0) return ['no users yet: add one with `warden users add NAME --role admin`'];
  const width = Math.max(8, ...users.map((u) => u.username.length));
  return [
    `${'USERNAME'.padEnd(width)}  ROLE      CREATED                   UPDATED`,
    ...users.map(
      (u) =>
        `${u.username.padEnd(width)}  ${u.role.padEnd(8)}  ${new Date(u.createdAt).toISOString()}  ${new Date(u.updatedAt).toISOString()}`,
    ),
  ];
}

// --- terminal I/O ------------------------------------------------------------------------------

/**
 * The first line of `input`, without its line ending (`\n`, `\r\n` or `\r`): `printf 'pw\npw\n' |`
 * gives "pw", as `docker login --password-stdin` does. Reading stops at the first line ending, so
 * a typed password needs no Ctrl-D. Whatever follows is ignored; a password cannot contain a line
 * break (checkPassword refuses control characters anyway).
 */
export async function readFirstLine(input: AsyncIterable<unknown>): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    if (/[\r\n]/.test(text)) break;
  }
  text += decoder.decode();
  return text.split(/\r\n|\r|\n/, 1)[0] ?? '';
}

/** Reads a line from the terminal in raw mode, echoing nothing. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new UserCommandError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export const terminalIo: UserCommandIo = {
  async readPassword({ stdin, confirm }) {
    if (stdin) return readFirstLine(process.stdin);
    if (!process.stdin.isTTY) throw new UserCommandError('standard input is not a terminal: pipe the password with --password-stdin');
    const password = await promptHidden('Password: ');
    if (confirm && (await promptHidden('Repeat password: ')) !== password) throw new UserCommandError('the passwords do not match');
    return password;
  },
  out: (line) => process.stdout.write(`${line}\n`),
};

export function registerUserCommands(program: Command, io: UserCommandIo = terminalIo): void {
  const run = (work: (d: UserActionDeps) => Promise<void> | void) => async () => {
    const config = loadConfig();
    const store = openStoreFor(config);
    try {
      await work({ store, now: Date.now(), actor: `cli:${userInfo().username}` });
    } catch (error) {
      if (!(error instanceof UserCommandError) && !(error instanceof WardenError)) throw error;
      process.stderr.write(`warden users: ${error.message}\n`);
      process.exitCode = 1;
    } finally {
      store.close();
    }
  };

  const users = program.command('users').description('API users (AUTH_ENABLED=true): roles viewer, operator, admin');
  users
    .command('add')
    .description('add a user; the password is asked without echo, or read from stdin with --password-stdin')
    .argument('<name>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from the first line of standard input (for scripts)')
    .action((name: string, opts: { role: string; passwordStdin?: boolean }) =>
      run(async (d) => {
        checkUserName(name);
        checkRole(opts.role);
        await addUser(d, name, opts.role, await io.readPassword({ stdin: !!opts.passwordStdin, confirm: true }));
        io.out(`user ${name} added as ${opts.role}`);
      })(),
    );
  users
    .command('list')
    .description('list users and roles (never passwords)')
    .action(() =>
      run((d) => {
        for (const line of listUserLines(d.store)) io.out(line);
      })(),
    );
  users
    .command('set-role')
    .description("change a user's role; their tokens are revoked")
    .argument('<name>')
    .argument('<role>')
    .action((name: string, role: string) =>
      run(async (d) => {
        await changeUser(d, name, { role });
        io.out(`${name} is now ${role}; existing tokens revoked`);
      })(),
    );
  users
    .command('set-password')
    .description("change a user's password; their tokens are revoked")
    .argument('<name>')
    .option('--password-stdin', 'read the password from the first line of standard input (for scripts)')
    .action((name: string, opts: { passwordStdin?: boolean }) =>
      run(async (d) => {
        if (!d.store.users.byName(name)) throw new NotFoundError(`no user ${name}`);
        await changeUser(d, name, { password: await io.readPassword({ stdin: !!opts.passwordStdin, confirm: true }) });
        io.out(`password of ${name} changed; existing tokens revoked`);
      })(),
    );
  users
    .command('remove')
    .description('remove a user (not the only admin)')
    .argument('<name>')
    .action((name: string) =>
      run((d) => {
        removeUser(d, name);
        io.out(`user ${name} removed`);
      })(),
    );
}
