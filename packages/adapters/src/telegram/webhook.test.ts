import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { CHATS, type Harness, startHarness } from './testing/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const SECRET = 'hook-secret_1';

function update(chatId: number, text: string) {
  return {
    update_id: 1,
    message: {
      message_id: 5,
      date: 1,
      chat: { id: chatId, type: 'private', first_name: 'u' },
      from: { id: chatId, is_bot: false, first_name: 'u' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.length }],
    },
  };
}

describe('Telegram webhook mode mounted on fastify', () => {
  it('handles a command posted by Telegram with the right secret and refuses one without it', async () => {
    h = await startHarness({ webhook: { url: 'https://warden.example/telegram', secret: SECRET } });
    const handler = h.telegram.webhookHandler;
    if (!handler) throw new Error('webhook handler missing');
    const app = Fastify();
    app.post('/telegram', handler);
    try {
      const refused = await app.inject({
        method: 'POST',
        url: '/telegram',
        payload: update(CHATS.operator, '/pause'),
        headers: { 'x-telegram-bot-api-secret-token': 'wrong' },
      });
      expect(refused.statusCode).toBe(401);
      expect(h.control.state()).toBe('RUNNING');

      const ok = await app.inject({
        method: 'POST',
        url: '/telegram',
        payload: update(CHATS.operator, '/pause'),
        headers: { 'x-telegram-bot-api-secret-token': SECRET },
      });
      expect(ok.statusCode).toBe(200);
      expect(h.control.state()).toBe('PAUSED');
      expect(h.fake.messagesTo(CHATS.operator)[0]?.text).toContain('State RUNNING → PAUSED');
    } finally {
      await app.close();
    }
  });
});
