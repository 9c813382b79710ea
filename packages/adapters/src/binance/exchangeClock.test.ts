import { TransientExchangeError } from '@warden/core/errors/errors';
import { describe, expect, it } from 'vitest';
import { ExchangeClock } from './exchangeClock.js';
import { roundTripMs, type ServerTimeSample, sampleEachCall } from './serverTimeSample.js';

/**
 * A sampler replaying scripted readings: each takes its round trip in local time, and the server
 * stamps the very end of it (its clock = local + `offset`), the worst case for the midpoint rule:
 * a reading is then off by half its round trip.
 */
function scripted(roundTrips: ReadonlyArray<number | Error>, offset: number) {
  let local = 1_000;
  let i = 0;
  const localNow = () => local;
  const sample = async (): Promise<ServerTimeSample> => {
    const step = roundTrips[i++];
    if (step === undefined) throw new Error('no more scripted readings');
    if (step instanceof Error) throw step;
    const sentAt = local;
    local += step;
    return { serverTime: local + offset, sentAt, receivedAt: local };
  };
  return { localNow, sample, calls: () => i };
}

function chosenRoundTrip(clock: ExchangeClock): number | null {
  const chosen = clock.lastMeasurement?.chosen;
  return chosen ? roundTripMs(chosen) : null;
}

describe('ExchangeClock', () => {
  it('uses the midpoint of the request: offset = server time − (sent + received) / 2', async () => {
    let local = 1_000;
    const clock = new ExchangeClock(
      sampleEachCall(async () => {
        local += 400; // the round trip takes 400 ms; the server stamped the middle of it
        return 50_200;
      }),
      { resyncEveryMs: 60_000, localNow: () => local, samplesPerSync: 1 },
    );
    expect(clock.isSynced).toBe(false);
    await clock.resync();
    expect(clock.offsetMs).toBe(50_200 - 1_200);
    expect(clock.now()).toBe(local + 50_200 - 1_200);
  });

  it('keeps the reading with the lowest round trip out of samplesPerSync', async () => {
    const s = scripted([600, 40, 300], 5_000);
    const clock = new ExchangeClock(s.sample, { resyncEveryMs: 60_000, localNow: s.localNow, samplesPerSync: 3 });
    await clock.resync();
    expect(s.calls()).toBe(3);
    expect(clock.lastMeasurement?.samples).toHaveLength(3);
    expect(chosenRoundTrip(clock)).toBe(40);
    expect(clock.offsetMs).toBe(5_000 + 20); // off by half of 40 ms; the 600 ms reading would be off by 300
  });

  it('discards readings slower than maxRoundTripMs; when all are, it fails and keeps the last offset', async () => {
    const s = scripted([50, 1_500, 900, 2_000], 7_000);
    const clock = new ExchangeClock(s.sample, { resyncEveryMs: 60_000, localNow: s.localNow, samplesPerSync: 2, maxRoundTripMs: 1_000 });
    await clock.resync(); // 50 ms kept, 1500 ms discarded
    expect(chosenRoundTrip(clock)).toBe(50);
    await clock.resync(); // 900 ms is within the bound: kept over the 2000 ms one
    expect(chosenRoundTrip(clock)).toBe(900);
    const before = clock.offsetMs;
    const s2 = scripted([1_200, 3_000], 99_000);
    const slow = new ExchangeClock(s2.sample, { resyncEveryMs: 60_000, localNow: s2.localNow, samplesPerSync: 2, maxRoundTripMs: 1_000 });
    const error = await slow.resync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientExchangeError);
    expect((error as Error).message).toContain('every server-time reading took longer than 1000 ms (round trips 1200, 3000 ms)');
    expect(slow.isSynced).toBe(false);
    expect(slow.offsetMs).toBe(0);
    expect(clock.offsetMs).toBe(before);
  });

  it('a read that fails after good readings ends the measurement with what it has; a first read that fails rejects', async () => {
    const s = scripted([80, new Error('network down')], 3_000);
    const clock = new ExchangeClock(s.sample, { resyncEveryMs: 60_000, localNow: s.localNow, samplesPerSync: 3 });
    await clock.resync();
    expect(s.calls()).toBe(2);
    expect(clock.offsetMs).toBe(3_000 + 40);
    const down = scripted([new Error('network down')], 0);
    await expect(new ExchangeClock(down.sample, { resyncEveryMs: 60_000, localNow: down.localNow }).resync()).rejects.toThrow(
      'network down',
    );
  });

  it('shares one measurement between concurrent resyncs and keeps the last offset when one fails', async () => {
    let calls = 0;
    let fail = false;
    const clock = new ExchangeClock(
      sampleEachCall(async () => {
        calls += 1;
        if (fail) throw new Error('network down');
        return 10_000;
      }),
      { resyncEveryMs: 60_000, localNow: () => 0 },
    );
    await Promise.all([clock.resync(), clock.resync(), clock.resync()]);
    expect(calls).toBe(3); // one measurement of samplesPerSync (3) readings
    fail = true;
    await expect(clock.resync()).rejects.toThrow('network down');
    expect(clock.now()).toBe(10_000);
  });
});
