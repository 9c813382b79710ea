import { describe, expect, it } from 'vitest';
import { ExchangeClock } from './exchangeClock.js';

describe('ExchangeClock', () => {
  it('uses the midpoint of the request: offset = server time − (sent + received) / 2', async () => {
    let local = 1_000;
    const clock = new ExchangeClock(
      async () => {
        local += 400; // the round trip takes 400 ms; the server stamped the middle of it
        return 50_200;
      },
      { resyncEveryMs: 60_000, localNow: () => local },
    );
    expect(clock.isSynced).toBe(false);
    await clock.resync();
    expect(clock.offsetMs).toBe(50_200 - 1_200);
    expect(clock.now()).toBe(local + 50_200 - 1_200);
  });

  it('shares one request between concurrent resyncs and keeps the last offset when one fails', async () => {
    let calls = 0;
    let fail = false;
    const clock = new ExchangeClock(
      async () => {
        calls += 1;
        if (fail) throw new Error('network down');
        return 10_000;
      },
      { resyncEveryMs: 60_000, localNow: () => 0 },
    );
    await Promise.all([clock.resync(), clock.resync(), clock.resync()]);
    expect(calls).toBe(1);
    fail = true;
    await expect(clock.resync()).rejects.toThrow('network down');
    expect(clock.now()).toBe(10_000);
  });
});
