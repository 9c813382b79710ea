import { shutdownNotification } from '@warden/core/notifications/systemMessages';
import type { Notification } from '@warden/core/ports/notifier';
import { afterEach, describe, expect, it } from 'vitest';
import { GatedSleep } from './testing/gatedSleep.js';
import { CHATS, type Harness, startHarness } from './testing/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const note = (title: string): Notification => ({ type: 'lifecycle', title, lines: [] });
const adminTexts = () => h.fake.messagesTo(CHATS.admin).map((m) => m.text);

describe('a Telegram outage delays messages without losing them or blocking the caller', () => {
  it('429 with retry_after: waits what Telegram asked, keeps order, and notify() returns while Telegram is throttling', async () => {
    const gate = new GatedSleep();
    h = await startHarness({ sleep: gate.sleep });
    h.fake.failNext('sendMessage', { code: 429, retryAfter: 3 });
    h.router.notify(note('A'));
    h.router.notify(note('B'));
    await gate.waitForWaits(1);
    expect(gate.waits).toEqual([3_000]);
    // The queue is parked in its flood wait: the caller keeps going and messages keep queueing.
    h.router.notify(note('C'));
    expect(h.fake.sent).toHaveLength(0);
    gate.releaseAll();
    await h.fake.waitFor(() => h.fake.sent.length === 9);
    expect(adminTexts()).toEqual(['A', 'B', 'C']);
    for (const chat of [CHATS.operator, CHATS.viewer]) expect(h.fake.messagesTo(chat).map((m) => m.text)).toEqual(['A', 'B', 'C']);
  });

  it('500s are retried with exponential backoff until delivered', async () => {
    const gate = new GatedSleep(true);
    h = await startHarness({ sleep: gate.sleep });
    h.fake.failNext('sendMessage', { code: 500 }, 3);
    h.router.notify(note('A'));
    await h.fake.waitFor(() => h.fake.sent.length === 3);
    expect(gate.waits).toEqual([1_000, 2_000, 4_000]);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(6);
    expect(adminTexts()).toEqual(['A']);
  });

  it('drops a message after the retry budget on persistent 5xx, logs it, and delivers the next one', async () => {
    const gate = new GatedSleep(true);
    h = await startHarness({ sleep: gate.sleep });
    h.fake.failNext('sendMessage', { code: 502 }, 6);
    h.router.notify(note('lost'));
    h.router.notify(note('next'));
    // The six failures all land on the first send (to the admin chat); the other chats get both.
    await h.fake.waitFor(() => h.fake.sent.length === 5);
    expect(adminTexts()).toEqual(['next']);
    expect(h.fake.messagesTo(CHATS.viewer).map((m) => m.text)).toEqual(['lost', 'next']);
    expect(h.log.entries.filter((e) => e.msg === 'telegram message dropped after send failure')).toHaveLength(1);
  });

  it('does not retry a permanent 4xx (e.g. chat not found) and logs the drop', async () => {
    const gate = new GatedSleep(true);
    h = await startHarness({ sleep: gate.sleep });
    h.fake.failNext('sendMessage', { code: 400, description: 'Bad Request: chat not found' });
    h.router.notify(note('A'));
    await h.fake.waitFor(() => h.fake.sent.length === 2);
    expect(gate.waits).toEqual([]);
    expect(h.log.entries.find((e) => e.msg === 'telegram message dropped after send failure')?.obj).toMatchObject({
      chatId: String(CHATS.admin),
    });
  });

  it('bounds the queue: when full the oldest messages are dropped and logged', async () => {
    const gate = new GatedSleep();
    h = await startHarness({ sleep: gate.sleep, queueMax: 6 });
    h.fake.failNext('sendMessage', { code: 429, retryAfter: 1 });
    for (const title of ['1', '2', '3', '4']) h.router.notify(note(title)); // 3 chats each: 12 messages for 6 places
    await gate.waitForWaits(1);
    gate.releaseAll();
    await h.fake.waitFor(() => h.fake.sent.length === 6);
    await h.telegram.stop(1_000);
    expect(adminTexts()).toEqual(['3', '4']);
    expect(h.log.entries.filter((e) => e.msg === 'telegram queue full: oldest message dropped')).toHaveLength(6);
  });

  it('keeps retrying through a dead Bot API without ever logging the token', async () => {
    const gate = new GatedSleep(true);
    h = await startHarness({ sleep: gate.sleep });
    await h.fake.stop();
    h.router.notify(shutdownNotification('test'));
    await h.telegram.stop(2_000);
    expect(gate.waits.length).toBeGreaterThan(0);
    expect(h.log.text()).not.toContain(h.fake.token);
    expect(h.log.has('telegram send failed, will retry')).toBe(true);
  });
});
