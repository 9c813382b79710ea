import { FatalExchangeError, TransientExchangeError } from '@warden/core/errors/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GovernorOptions, RequestGovernor } from './requestGovernor.js';

/** A governor on simulated time: sleeping advances the clock instead of waiting. */
function governorOnFakeTime(options: GovernorOptions = {}) {
  const time = { now: 1_000_000 * 60_000 };
  const sleeps: number[] = [];
  const governor = new RequestGovernor({
    now: () => time.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      time.now += ms;
    },
    ...options,
  });
  const sentAt: number[] = [];
  const request =
    <T>(result: () => T) =>
    async () => {
      sentAt.push(time.now);
      return result();
    };
  return { governor, time, sleeps, sentAt, request };
}

describe('RequestGovernor', () => {
  it('sends nothing until a 429 Retry-After has passed', async () => {
    const { governor, time, sentAt, request } = governorOnFakeTime();
    const t0 = time.now;
    governor.observe(429, { 'Retry-After': '7' });
    await governor.once(
      'klines',
      request(() => 'ok'),
    );
    expect(sentAt[0]).toBeGreaterThanOrEqual(t0 + 7_000);
  });

  it('retries a read after a 429 only once Retry-After has passed', async () => {
    const { governor, time, sentAt, request } = governorOnFakeTime();
    let calls = 0;
    const result = await governor.read(
      'klines',
      request(() => {
        calls += 1;
        if (calls === 1) {
          governor.observe(429, { 'Retry-After': '3' });
          throw new TransientExchangeError('429', 3_000);
        }
        return 'ok';
      }),
    );
    expect(result).toBe('ok');
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(3_000);
    expect(time.now).toBeGreaterThanOrEqual(sentAt[0] ?? 0);
  });

  it('refuses to send during a long 418 ban without calling the exchange', async () => {
    const { governor, sentAt, request } = governorOnFakeTime({ maxWaitMs: 60_000 });
    governor.observe(418, { 'Retry-After': '600' });
    await expect(
      governor.read(
        'klines',
        request(() => 'ok'),
      ),
    ).rejects.toBeInstanceOf(FatalExchangeError);
    expect(sentAt).toEqual([]);
  });

  it('retries transient errors up to maxRetries with capped backoff, and never retries fatal ones', async () => {
    const transient = governorOnFakeTime({ maxRetries: 3, baseDelayMs: 100, maxDelayMs: 300 });
    await expect(
      transient.governor.read(
        'klines',
        transient.request(() => {
          throw new TransientExchangeError('503');
        }),
      ),
    ).rejects.toBeInstanceOf(TransientExchangeError);
    expect(transient.sentAt).toHaveLength(4);
    expect(transient.sleeps.every((ms) => ms <= 300)).toBe(true);

    const fatal = governorOnFakeTime();
    await expect(
      fatal.governor.read(
        'klines',
        fatal.request(() => {
          throw new FatalExchangeError('bad key');
        }),
      ),
    ).rejects.toBeInstanceOf(FatalExchangeError);
    expect(fatal.sentAt).toHaveLength(1);
  });

  it('resyncs the clock when Binance rejects the timestamp (-1021), then retries', async () => {
    let resyncs = 0;
    const { governor, request } = governorOnFakeTime({
      onTimestampRejected: async () => {
        resyncs += 1;
      },
    });
    let calls = 0;
    const result = await governor.read(
      'order status',
      request(() => {
        calls += 1;
        if (calls === 1) throw new TransientExchangeError('-1021', null, { timestampRejected: true });
        return 'ok';
      }),
    );
    expect(result).toBe('ok');
    expect(resyncs).toBe(1);
  });

  it('slows down near the weight budget and waits for the next minute at it', () => {
    const { governor, time } = governorOnFakeTime({ weightLimit: 6000, slowDownAt: 0.7, pauseAt: 0.9 });
    governor.observe(200, { 'X-Mbx-Used-Weight-1m': '1000' });
    expect(governor.weightWaitMs(time.now)).toBe(0);
    governor.observe(200, { 'X-Mbx-Used-Weight-1m': '4800' });
    const near = governor.weightWaitMs(time.now);
    expect(near).toBeGreaterThan(0);
    governor.observe(200, { 'X-Mbx-Used-Weight-1m': '5700' });
    expect(governor.weightWaitMs(time.now)).toBeGreaterThan(near);
    expect(governor.weightWaitMs(time.now)).toBeGreaterThanOrEqual(60_000 - (time.now % 60_000));
    // A new minute starts a new budget.
    expect(governor.weightWaitMs(time.now + 60_000)).toBe(0);
  });

  it('backoff stays within [cap/2, cap] and never exceeds maxDelayMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        (attempt, base, max) => {
          const governor = new RequestGovernor({ baseDelayMs: base, maxDelayMs: max });
          const cap = Math.min(max, base * 2 ** attempt);
          const ms = governor.backoffMs(attempt);
          return ms >= Math.floor(cap / 2) && ms <= Math.ceil(cap) && ms <= max;
        },
      ),
    );
  });
});
