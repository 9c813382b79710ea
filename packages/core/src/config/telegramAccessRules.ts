import { roleAtLeast } from '../state/tradingState.js';
import type { EnvConfig, Role, TelegramGroupUsers } from './schema.js';

/**
 * Telegram accounts that post on someone else's behalf, so their id says nothing about which
 * person acted: an admin posting anonymously as the group (GroupAnonymousBot), a post forwarded
 * from a linked channel (Telegram), a user posting as a channel (Channel_Bot). Never given a role.
 */
export const TELEGRAM_PROXY_SENDERS: ReadonlyMap<number, string> = new Map([
  [1087968824, 'GroupAnonymousBot (an admin posting anonymously as the group)'],
  [777000, 'Telegram (posts forwarded from a linked channel)'],
  [136817688, 'Channel_Bot (a user posting as a channel)'],
]);

/** Telegram gives groups and supergroups negative chat ids; private chats are the user's own (positive) id. */
export function isGroupChat(chatId: number | string): boolean {
  return Number(chatId) < 0;
}

/**
 * The role a message or button press gets. A private chat has the chat's role (TELEGRAM_CHAT_ROLES,
 * viewer when unlisted): only its owner can write there. In a group any member can write, so the
 * role is the lower of the chat's role and the sender's entry in TELEGRAM_GROUP_USERS; a member not
 * listed, a sender Telegram hides (anonymous admin, channel) and every member of a group without a
 * user list are viewers.
 */
export function telegramRole(
  chatId: number | string,
  senderId: number | undefined,
  chatRoles: Readonly<Record<string, Role>>,
  groupUsers: TelegramGroupUsers,
): Role {
  const chatRole = chatRoles[String(chatId)] ?? 'viewer';
  if (!isGroupChat(chatId)) return chatRole;
  const users = groupUsers[String(chatId)];
  if (!users || senderId === undefined || TELEGRAM_PROXY_SENDERS.has(senderId)) return 'viewer';
  const userRole = users[String(senderId)] ?? 'viewer';
  return roleAtLeast(chatRole, userRole) ? userRole : chatRole;
}

/**
 * Configurations that would let people act whom the operator did not name, one line per problem
 * naming the variable. The main one: a group chat with a role above viewer and no user list, where
 * every member of the group — anyone an admin ever added — could /stop, /resume or approve.
 * Refused at start rather than warned about: a warning in a log is read after the damage, and the
 * fix is one variable.
 */
export function telegramAccessProblems(
  env: Pick<EnvConfig, 'TELEGRAM_CHAT_IDS' | 'TELEGRAM_CHAT_ROLES' | 'TELEGRAM_GROUP_USERS'>,
): string[] {
  const problems: string[] = [];
  const allowed = new Set(env.TELEGRAM_CHAT_IDS);
  for (const [chat, role] of Object.entries(env.TELEGRAM_CHAT_ROLES)) {
    if (isGroupChat(chat) && role !== 'viewer' && !env.TELEGRAM_GROUP_USERS[chat]) {
      problems.push(
        `TELEGRAM_CHAT_ROLES: group chat ${chat} has role ${role} but TELEGRAM_GROUP_USERS lists no users for it, so every member of the group could use ${role} commands; list who may act (TELEGRAM_GROUP_USERS=${chat}:<user id>:${role}) or make the chat viewer`,
      );
    }
  }
  for (const [chat, users] of Object.entries(env.TELEGRAM_GROUP_USERS)) {
    if (!allowed.has(chat)) problems.push(`TELEGRAM_GROUP_USERS: chat ${chat} is not on TELEGRAM_CHAT_IDS`);
    const chatRole = env.TELEGRAM_CHAT_ROLES[chat] ?? 'viewer';
    for (const [user, role] of Object.entries(users)) {
      const proxy = TELEGRAM_PROXY_SENDERS.get(Number(user));
      if (proxy) problems.push(`TELEGRAM_GROUP_USERS: user ${user} is ${proxy}, which hides who acted; it cannot be given a role`);
      else if (!roleAtLeast(chatRole, role))
        problems.push(
          `TELEGRAM_GROUP_USERS: user ${user} has ${role} in chat ${chat}, above the chat's own role ${chatRole} (TELEGRAM_CHAT_ROLES); raise the chat's role or lower the user's`,
        );
    }
  }
  return problems;
}
