/**
 * Builders for the Bot API objects the fake server hands out. Shapes follow api.json (Update,
 * Message, CallbackQuery, MessageEntity): grammy's `bot.command` only sees a command when the
 * message carries a `bot_command` entity at offset 0, exactly as Telegram sends it.
 */

export const FAKE_BOT = {
  id: 777000111,
  is_bot: true,
  first_name: 'Warden',
  username: 'warden_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

let nextMessageId = 1000;
export function allocateMessageId(): number {
  nextMessageId += 1;
  return nextMessageId;
}

/** Who sends a message or presses a button in a group chat (Telegram's `User`: id, optional @username). */
export interface FakeSender {
  readonly id: number;
  readonly username?: string;
}

function chat(chatId: number) {
  // Supergroup ids are -100 followed by the group's own id; smaller negative ids are basic groups.
  if (chatId <= -1_000_000_000_000) return { id: chatId, type: 'supergroup', title: `group ${chatId}` };
  return chatId < 0
    ? { id: chatId, type: 'group', title: `group ${chatId}` }
    : { id: chatId, type: 'private', first_name: `user${chatId}` };
}

/** In a private chat the sender is the chat's owner (same id); in a group, `sender` or a stand-in member. */
function user(chatId: number, sender?: FakeSender) {
  const id = sender?.id ?? Math.abs(chatId);
  return { id, is_bot: false, first_name: `user${id}`, ...(sender?.username ? { username: sender.username } : {}) };
}

export function textMessage(chatId: number, text: string, date: number, sender?: FakeSender) {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return {
    message_id: allocateMessageId(),
    date,
    chat: chat(chatId),
    from: user(chatId, sender),
    text,
    ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
  };
}

export function callbackQuery(
  chatId: number,
  data: string,
  message: { message_id: number; text?: string },
  date: number,
  sender?: FakeSender,
) {
  return {
    id: `cbq-${allocateMessageId()}`,
    from: user(chatId, sender),
    chat_instance: `ci-${chatId}`,
    data,
    message: { message_id: message.message_id, date, chat: chat(chatId), from: FAKE_BOT, text: message.text ?? '' },
  };
}
