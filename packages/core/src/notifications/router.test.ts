import { describe, expect, it } from 'vitest';
import type { Notification } from '../ports/notifier.js';
import type { NotificationChannel, OutgoingMessage } from './channel.js';
import { MAX_MESSAGE_LENGTH } from './render.js';
import { NotificationRouter } from './router.js';

class RecordingChannel implements NotificationChannel {
  readonly received: OutgoingMessage[] = [];
  constructor(readonly name: string) {}
  send(message: OutgoingMessage): void {
    this.received.push(message);
  }
}

const warnings: Array<{ obj: object; msg: string }> = [];
const log = { warn: (obj: object, msg: string) => warnings.push({ obj, msg }) };
const note = (type: Notification['type'], title = 'T'): Notification => ({ type, title, lines: ['a', 'b'] });

describe('NotificationRouter', () => {
  it('renders title and lines and sends to every channel, audibly by default', () => {
    const a = new RecordingChannel('a');
    const b = new RecordingChannel('b');
    new NotificationRouter([a, b], {}, log).notify(note('fills', 'Filled'));
    expect(a.received.map((m) => [m.text, m.silent])).toEqual([['Filled\na\nb', false]]);
    expect(b.received).toHaveLength(1);
  });

  it('redacts known secrets and URL credentials from the title, the lines and the data before any channel sees them', () => {
    const ch = new RecordingChannel('c');
    const token = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
    new NotificationRouter([ch], {}, log, ['sk-live-canary-1']).notify({
      type: 'errors',
      title: 'LLM failed at https://u:p%40ss@llm.example/v1?api-key=sk-live-canary-1',
      lines: [`webhook https://bot.example/tg/${token}/hook refused`],
      data: { error: 'key sk-live-canary-1' },
    });
    const [message] = ch.received;
    const seen = JSON.stringify(message);
    for (const secret of ['sk-live-canary-1', 'p%40ss', token]) expect(seen).not.toContain(secret);
    expect(message?.text).toBe(
      'LLM failed at https://[redacted]@llm.example/v1?api-key=[redacted]\nwebhook https://bot.example/tg/[redacted]/hook refused',
    );
  });

  it('delivers to a channel added after construction', () => {
    const router = new NotificationRouter([], {}, log);
    const late = new RecordingChannel('late');
    router.addChannel(late);
    router.notify(note('state'));
    expect(late.received).toHaveLength(1);
  });

  it('applies the per-type mode: off drops, silent marks the message silent', () => {
    const ch = new RecordingChannel('c');
    const router = new NotificationRouter([ch], { fills: 'off', heartbeat: 'silent', orders: 'on' }, log);
    router.notify(note('fills'));
    router.notify(note('heartbeat'));
    router.notify(note('orders'));
    expect(ch.received.map((m) => [m.notification.type, m.silent])).toEqual([
      ['heartbeat', true],
      ['orders', false],
    ]);
  });

  it('contains a channel that throws or rejects: the others still get the message and notify does not throw', async () => {
    warnings.length = 0;
    const throwing: NotificationChannel = {
      name: 'throws',
      send: () => {
        throw new Error('boom');
      },
    };
    const rejecting: NotificationChannel = { name: 'rejects', send: () => Promise.reject(new Error('down')) };
    const ok = new RecordingChannel('ok');
    expect(() => new NotificationRouter([throwing, rejecting, ok], {}, log).notify(note('errors'))).not.toThrow();
    await Promise.resolve();
    expect(ok.received).toHaveLength(1);
    expect(warnings.map((w) => w.obj)).toEqual([
      { channel: 'throws', type: 'errors', error: 'boom' },
      { channel: 'rejects', type: 'errors', error: 'down' },
    ]);
  });

  it('cuts text to the Telegram limit instead of losing the message', () => {
    const ch = new RecordingChannel('c');
    new NotificationRouter([ch], {}, log).notify({ type: 'errors', title: 'x'.repeat(MAX_MESSAGE_LENGTH + 100), lines: [] });
    expect(ch.received[0]?.text).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(ch.received[0]?.text.endsWith('…')).toBe(true);
  });
});
