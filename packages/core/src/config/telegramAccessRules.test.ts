import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/errors.js';
import { parseConfig } from './parseConfig.js';
import { telegramRole } from './telegramAccessRules.js';

const GROUP = '-1001234567890';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
}

describe('TELEGRAM_GROUP_USERS and group chat roles at start-up', () => {
  it('refuses a group chat with a role above viewer and no user list, naming TELEGRAM_CHAT_ROLES and the fix', () => {
    for (const role of ['operator', 'admin']) {
      const problems = problemsOf({ TELEGRAM_CHAT_IDS: GROUP, TELEGRAM_CHAT_ROLES: `${GROUP}:${role}` });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        new RegExp(`^TELEGRAM_CHAT_ROLES: group chat ${GROUP} has role ${role} but TELEGRAM_GROUP_USERS lists no users`),
      );
      expect(problems[0]).toContain(`TELEGRAM_GROUP_USERS=${GROUP}:<user id>:${role}`);
    }
  });

  it('accepts a viewer group without a list, an operator private chat, and an admin group with a user list', () => {
    expect(problemsOf({ TELEGRAM_CHAT_IDS: `${GROUP},42`, TELEGRAM_CHAT_ROLES: `${GROUP}:viewer,42:operator` })).toEqual([]);
    const c = parseConfig({
      TELEGRAM_CHAT_IDS: GROUP,
      TELEGRAM_CHAT_ROLES: `${GROUP}:admin`,
      TELEGRAM_GROUP_USERS: `${GROUP}:42:admin, ${GROUP}:43:operator`,
    });
    expect(c.TELEGRAM_GROUP_USERS).toEqual({ [GROUP]: { '42': 'admin', '43': 'operator' } });
  });

  const refused: Array<[string, Record<string, string>, RegExp]> = [
    ['a malformed triple', { TELEGRAM_GROUP_USERS: `${GROUP}:42` }, /^TELEGRAM_GROUP_USERS: expected groupchatid:userid:role/],
    ['an unknown role', { TELEGRAM_GROUP_USERS: `${GROUP}:42:owner` }, /^TELEGRAM_GROUP_USERS: expected/],
    ['a private (positive) chat id', { TELEGRAM_CHAT_IDS: '42', TELEGRAM_GROUP_USERS: '42:42:admin' }, /^TELEGRAM_GROUP_USERS: expected/],
    [
      'a user listed twice',
      { TELEGRAM_GROUP_USERS: `${GROUP}:42:viewer,${GROUP}:42:admin` },
      /^TELEGRAM_GROUP_USERS: user 42 is listed twice/,
    ],
    [
      'a chat not on TELEGRAM_CHAT_IDS',
      { TELEGRAM_GROUP_USERS: `${GROUP}:42:viewer` },
      /^TELEGRAM_GROUP_USERS: chat -1001234567890 is not on TELEGRAM_CHAT_IDS/,
    ],
    [
      'a user role above the chat role',
      { TELEGRAM_CHAT_IDS: GROUP, TELEGRAM_CHAT_ROLES: `${GROUP}:operator`, TELEGRAM_GROUP_USERS: `${GROUP}:42:admin` },
      /^TELEGRAM_GROUP_USERS: user 42 has admin in chat -1001234567890, above the chat's own role operator/,
    ],
    [
      "Telegram's anonymous-admin account",
      { TELEGRAM_CHAT_IDS: GROUP, TELEGRAM_CHAT_ROLES: `${GROUP}:operator`, TELEGRAM_GROUP_USERS: `${GROUP}:1087968824:operator` },
      /^TELEGRAM_GROUP_USERS: user 1087968824 is GroupAnonymousBot/,
    ],
  ];
  for (const [what, env, message] of refused) {
    it(`refuses ${what}, naming the variable`, () => {
      const problems = problemsOf(env);
      expect(problems.some((p) => message.test(p))).toBe(true);
    });
  }
});

describe('telegramRole', () => {
  const chatRoles = { '42': 'operator', [GROUP]: 'admin', '-555': 'operator' } as const;
  const groupUsers = { [GROUP]: { '42': 'admin', '43': 'operator', '1087968824': 'admin' } } as const;

  it("a private chat has the chat's role; its sender does not change it", () => {
    expect(telegramRole(42, 42, chatRoles, groupUsers)).toBe('operator');
    expect(telegramRole(77, 77, chatRoles, groupUsers)).toBe('viewer');
  });

  it("in a group the sender's listed role counts; unlisted, unknown and anonymous senders are viewers", () => {
    expect(telegramRole(GROUP, 42, chatRoles, groupUsers)).toBe('admin');
    expect(telegramRole(Number(GROUP), 43, chatRoles, groupUsers)).toBe('operator');
    expect(telegramRole(GROUP, 44, chatRoles, groupUsers)).toBe('viewer');
    expect(telegramRole(GROUP, undefined, chatRoles, groupUsers)).toBe('viewer');
    expect(telegramRole(GROUP, 1087968824, chatRoles, groupUsers)).toBe('viewer');
  });

  it('a user never gets more than the chat, and a group without a user list gives no one more than viewer', () => {
    expect(telegramRole(GROUP, 42, { [GROUP]: 'operator' }, groupUsers)).toBe('operator');
    expect(telegramRole(-555, 42, chatRoles, groupUsers)).toBe('viewer');
  });
});
