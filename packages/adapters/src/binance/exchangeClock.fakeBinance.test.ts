import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransientExchangeError } from '@warden/core/errors/errors';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { BTC_2021_WEEK, recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { type FakeBinance, startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceMarketData, createBinanceMarketData } from './binanceMarketData.js';
import { roundTripMs } from './serverTimeSample.js';

const SKEW_MS = 7 * 60_000 + 321;
const SLOW_MS = 300;
let fake: FakeBinance;
let store: SqliteStore;
let dir: string;
let md: BinanceMarketData;

/** The fake exchange's clock runs in real time (speed 1), SKEW_MS away from the market tape. */
async function setup(clock: { samplesPerSync: number; maxRoundTripMs: number }): Promise<void> {
  fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start, speed: 1 });
  fake.setClockSkew(SKEW_MS);
  dir = mkdtempSync(join(tmpdir(), 'warden-clock-'));
  store = openStore(join(dir, 'warden.db'));
  const config = { BINANCE_BASE_URL: fake.url, BINANCE_TESTNET: false, BINANCE_TIME_SYNC_SECONDS: 300, BINANCE_RECV_WINDOW_MS: 5000 };
  md = createBinanceMarketData(config, { candles: store.candles, governor: { baseDelayMs: 100 }, clock });
}

/**
 * The exchange's true offset from this process's clock. Both clocks read Date.now() in this
 * process, so it is exact up to the 1 ms the two reads may lie apart (and the fake's flooring).
 */
function trueOffset(): number {
  return fake.tape.clock.now() + SKEW_MS - Date.now();
}

/** /time fails twice — a 429 whose Retry-After (1 s) is waited out, then a 503 and a backoff — and then answers SLOW_MS late. */
function failTwiceThenAnswerSlowly(): void {
  fake.inject({ kind: 'rateLimited', retryAfterSeconds: 1, path: '/api/v3/time' });
  fake.inject({ kind: 'serverError', status: 503, path: '/api/v3/time' });
  fake.inject({ kind: 'slow', delayMs: SLOW_MS, path: '/api/v3/time' });
}

const timeRequests = () => fake.requests.filter((r) => r.path === '/api/v3/time');

afterEach(async () => {
  md?.stop();
  store?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ExchangeClock against the fake exchange: a /time that fails twice, then answers slowly', () => {
  it('measures from the attempt that answered: the error stays within half of that attempt’s round trip', async () => {
    await setup({ samplesPerSync: 1, maxRoundTripMs: 60_000 });
    failTwiceThenAnswerSlowly();
    await md.clock.resync();
    const done = Date.now();
    const [failed429, failed503, answered] = timeRequests();
    expect([failed429?.status, failed503?.status, answered?.status]).toEqual([429, 503, 200]);
    // The answering attempt was sent after the 503 reached the server and answered before `done`,
    // so its round trip is at most this, however long the Retry-After wait and the backoff took.
    // (Timing the whole call puts the midpoint about half the 1 s Retry-After wait off.)
    const answeringRoundTripBound = done - (failed503?.at ?? Number.NaN);
    expect(Math.abs(md.clock.offsetMs - trueOffset())).toBeLessThanOrEqual(answeringRoundTripBound / 2 + 2);
    // The reading is that attempt's own: sent after both failures, spanning the slow answer.
    const chosen = md.clock.lastMeasurement?.chosen;
    expect(chosen?.sentAt).toBeGreaterThanOrEqual(failed503?.at ?? Number.POSITIVE_INFINITY);
    expect(chosen && roundTripMs(chosen)).toBeGreaterThanOrEqual(SLOW_MS);
    expect(Math.abs(md.clock.offsetMs - trueOffset())).toBeLessThanOrEqual((chosen ? roundTripMs(chosen) : 0) / 2 + 2);
  });

  it('keeps the reading with the lowest round trip of a few, whatever their order', async () => {
    await setup({ samplesPerSync: 3, maxRoundTripMs: 60_000 });
    failTwiceThenAnswerSlowly();
    await md.clock.resync();
    const measurement = md.clock.lastMeasurement;
    expect(measurement?.samples).toHaveLength(3);
    const trips = (measurement?.samples ?? []).map(roundTripMs);
    const chosen = measurement ? roundTripMs(measurement.chosen) : Number.NaN;
    expect(chosen).toBe(Math.min(...trips));
    expect(Math.abs(md.clock.offsetMs - trueOffset())).toBeLessThanOrEqual(chosen / 2 + 2);
    expect(timeRequests().map((r) => r.status)).toEqual([429, 503, 200, 200, 200]);
  });

  it('discards a reading whose round trip is too long: no offset is taken from it', async () => {
    await setup({ samplesPerSync: 1, maxRoundTripMs: SLOW_MS - 100 });
    failTwiceThenAnswerSlowly();
    const error = await md.clock.resync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientExchangeError);
    expect((error as Error).message).toContain(`took longer than ${SLOW_MS - 100} ms`);
    expect(md.clock.isSynced).toBe(false);
    expect(md.clock.offsetMs).toBe(0);
  });
});
