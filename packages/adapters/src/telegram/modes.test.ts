import { FakeTelegramServer } from '@warden/testkit/fakeTelegram/fakeTelegramServer';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramServices } from './commands/types.js';
import { createTelegram } from './telegramBot.js';
import { RecordingLogger } from './testing/recordingLogger.js';

const fake = new FakeTelegramServer();
afterEach(async () => fake.stop());

// Neither test reaches a command, so services are never called.
const services = {} as TelegramServices;
const base = { chatIds: ['111'], chatRoles: {}, webhookUrl: undefined, webhookSecret: undefined, queueMax: 10 } as const;

describe('Telegram start-up modes', () => {
  it('without a token it is disabled: no requests, notifications are discarded, start/stop are no-ops', async () => {
    const apiUrl = await fake.start();
    const log = new RecordingLogger();
    const telegram = createTelegram({ ...base, token: undefined, apiUrl, mode: 'polling' }, { services, log });
    expect(telegram.enabled).toBe(false);
    await telegram.start();
    await telegram.channel.send({ text: 'x', silent: false, notification: { type: 'errors', title: 'x', lines: [] } });
    await telegram.stop();
    expect(fake.calls).toHaveLength(0);
    expect(log.has('Telegram disabled')).toBe(true);
  });

  it('webhook mode registers TELEGRAM_WEBHOOK_URL with the secret and exposes a handler instead of polling', async () => {
    const apiUrl = await fake.start();
    const log = new RecordingLogger();
    const telegram = createTelegram(
      {
        ...base,
        token: fake.token,
        apiUrl,
        mode: 'webhook',
        webhookUrl: 'https://warden.example/telegram/webhook',
        webhookSecret: 's3cret',
      },
      { services, log },
    );
    await telegram.start();
    expect(fake.webhook).toEqual({ url: 'https://warden.example/telegram/webhook', secret_token: 's3cret' });
    expect(typeof telegram.webhookHandler).toBe('function');
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
    await telegram.stop();
  });

  it('polling mode answers no webhook handler and long-polls getUpdates', async () => {
    const apiUrl = await fake.start();
    const telegram = createTelegram(
      { ...base, token: fake.token, apiUrl, mode: 'polling', pollTimeoutSeconds: 1 },
      { services, log: new RecordingLogger() },
    );
    await telegram.start();
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0);
    expect(telegram.webhookHandler).toBeNull();
    expect(fake.callsOf('getUpdates')[0]?.params).toMatchObject({ timeout: 1, allowed_updates: ['message', 'callback_query'] });
    await telegram.stop();
  });
});
