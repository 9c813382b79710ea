import { describe, expect, it } from 'vitest';
import { EXIT_INTERRUPTED, shutdownOnSignals } from './shutdownSignals.js';

function harness() {
  const now = { t: 0 };
  const exits: number[] = [];
  const messages: string[] = [];
  const timers: Array<{ at: number; fn: () => void }> = [];
  const stops: string[] = [];
  let finishStop: () => void = () => {};
  let failStop: (error: Error) => void = () => {};
  const handler = shutdownOnSignals({
    stop: (reason) => {
      stops.push(reason);
      return new Promise<void>((resolve, reject) => {
        finishStop = resolve;
        failStop = reject;
      });
    },
    log: { info: (m) => messages.push(m), warn: (m) => messages.push(m), error: (_o, m) => messages.push(m) },
    exit: (code) => exits.push(code),
    now: () => now.t,
    after: (ms, fn) => timers.push({ at: now.t + ms, fn }),
  });
  const advance = (ms: number) => {
    now.t += ms;
    for (const timer of timers.filter((x) => x.at <= now.t)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
  };
  return { handler, exits, messages, stops, advance, finish: () => finishStop(), fail: (e: Error) => failStop(e) };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('stopping on SIGINT / SIGTERM', () => {
  it('stops gracefully on the first signal and exits 0 only once the stop (the cycle in flight) has finished', async () => {
    const h = harness();
    h.handler('SIGTERM');
    expect(h.stops).toEqual(['received SIGTERM']);
    await settle();
    expect(h.exits).toEqual([]);
    h.finish();
    await settle();
    expect(h.exits).toEqual([0]);
  });

  it('treats the duplicate Ctrl-C that npm forwards (same signal, within the repeat window) as the same request', async () => {
    const h = harness();
    h.handler('SIGINT');
    h.advance(1);
    h.handler('SIGINT');
    await settle();
    expect(h.exits).toEqual([]);
    expect(h.stops).toHaveLength(1);
  });

  it('exits at once on a second signal after the repeat window, without waiting for the stop', async () => {
    const h = harness();
    h.handler('SIGINT');
    h.advance(1_500);
    h.handler('SIGINT');
    expect(h.exits).toEqual([EXIT_INTERRUPTED]);
    expect(h.messages.at(-1)).toBe('received SIGINT again: exiting now, without waiting for the cycle in flight');
  });

  it('gives up a graceful stop that outlasts the deadline and exits 1', async () => {
    const h = harness();
    h.handler('SIGTERM');
    h.advance(8_999);
    expect(h.exits).toEqual([]);
    h.advance(1);
    expect(h.exits).toEqual([1]);
  });

  it('exits 1 when stopping fails', async () => {
    const h = harness();
    h.handler('SIGTERM');
    h.fail(new Error('database locked'));
    await settle();
    expect(h.exits).toEqual([1]);
    expect(h.messages).toContain('stopping failed');
  });
});
