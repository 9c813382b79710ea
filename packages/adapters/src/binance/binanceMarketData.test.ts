import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregateCandles } from '@warden/core/data/aggregateCandles';
import { assertDataReady, warmUp } from '@warden/core/data/warmUp';
import { FatalExchangeError, MarketDataError } from '@warden/core/errors/errors';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { BTC_2021_WEEK, recordedBtcWeek, recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { BinanceApiError } from '@warden/testkit/fakeBinance/routes';
import { type FakeBinance, startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceMarketData, createBinanceMarketData } from './binanceMarketData.js';

const MIN = 60_000;
const SYMBOL = 'BTC/USDT';
const start = BTC_2021_WEEK.start;
const week = recordedBtcWeek();

let fake: FakeBinance;
let store: SqliteStore;
let md: BinanceMarketData;

/**
 * `timeoutMs` per request: by default a deadline for a hang, far above what the fake takes on a loaded
 * machine (a timeout would be retried and change the requests the tests count). `wallClock`, when
 * given, is both the exchange's and the request governor's clock for weight minutes and Retry-After.
 */
async function setup(marketTime: number, timeoutMs = 20_000, wallClock?: () => number): Promise<void> {
  fake = await startFakeBinance({ candles: recordedMarket(), marketTime, ...(wallClock ? { wallClock } : {}) });
  store = openStore(join(mkdtempSync(join(tmpdir(), 'warden-md-')), 'warden.db'));
  const config = { BINANCE_BASE_URL: fake.url, BINANCE_TESTNET: false, BINANCE_TIME_SYNC_SECONDS: 300, BINANCE_RECV_WINDOW_MS: 5000 };
  const governor = { baseDelayMs: 20, maxDelayMs: 100, ...(wallClock ? { now: wallClock } : {}) };
  md = createBinanceMarketData(config, { candles: store.candles, timeoutMs, governor });
  await md.start();
}

/** Moves the market and lets the bot's clock notice, as its periodic resync would. */
async function advanceMarket(ms: number): Promise<void> {
  fake.tape.clock.advance(ms);
  await md.clock.resync();
}

const klineRequests = () => fake.requests.filter((r) => r.path === '/api/v3/klines');
const rows = (tf: '1m' | '5m') => store.candles.range(SYMBOL, tf, 0, Number.MAX_SAFE_INTEGER);

afterEach(async () => {
  md?.stop();
  store?.close();
  await fake?.close();
});

describe('Binance market data through ccxt against the fake exchange', () => {
  it('backfills an empty cache in pages of at most 1000 with exactly the recorded candles', async () => {
    await setup(start + 2500 * MIN + 30_000);
    const progress: number[] = [];
    const report = await md.cache.backfill(SYMBOL, '1m', 2500, (done) => progress.push(done));
    expect(report).toMatchObject({ requested: 2500, available: 2500, gapsRecorded: [] });
    expect(rows('1m')).toEqual(week.slice(0, 2500));
    expect(klineRequests().map((r) => Number(r.params.limit))).toEqual([1000, 1000, 500]);
    expect(progress.at(-1)).toBe(2500);
  });

  it('tops up incrementally: only the bars after the cached ones are fetched', async () => {
    await setup(start + 600 * MIN);
    await md.cache.getClosedCandles(SYMBOL, '1m', 500);
    const before = klineRequests().length;
    await advanceMarket(30 * MIN);
    const candles = await md.cache.getClosedCandles(SYMBOL, '1m', 500);
    const topUp = klineRequests().slice(before);
    expect(topUp).toHaveLength(1);
    expect(Number(topUp[0]?.params.startTime)).toBe(start + 600 * MIN);
    expect(candles.at(-1)).toEqual(week[629]);
    expect(rows('1m')).toHaveLength(530);
  });

  it('never stores or returns the forming candle, and stores its final values once closed', async () => {
    await setup(start + 62 * MIN);
    const candles = await md.cache.getClosedCandles(SYMBOL, '5m', 12);
    expect(candles.at(-1)?.openTime).toBe(start + 55 * MIN);
    expect(store.candles.range(SYMBOL, '5m', start + 60 * MIN, start + 60 * MIN)).toEqual([]);
    await advanceMarket(3 * MIN);
    const after = await md.cache.getClosedCandles(SYMBOL, '5m', 13);
    const expected = aggregateCandles(week.slice(60, 65), '1m', '5m')[0];
    expect(after.at(-1)).toEqual({ ...expected, volume: expect.closeTo(expected?.volume ?? 0, 6) });
  });

  it('refetches a candle missing from one response and ends with no gap', async () => {
    await setup(start + 300 * MIN);
    fake.faults.dropCandle({ symbol: 'BTCUSDT', timeframe: '1m', openTime: start + 100 * MIN, times: 1 });
    const report = await md.cache.backfill(SYMBOL, '1m', 300);
    expect(report.gapsRecorded).toEqual([]);
    expect(rows('1m')).toEqual(week.slice(0, 300));
    expect(store.candles.gaps(SYMBOL, '1m')).toEqual([]);
  });

  it('records a gap the exchange really has, invents nothing, and does not ask for it again', async () => {
    await setup(start + 300 * MIN);
    fake.faults.dropCandle({ symbol: 'BTCUSDT', timeframe: '1m', openTime: start + 100 * MIN, times: Number.POSITIVE_INFINITY });
    await md.cache.backfill(SYMBOL, '1m', 300);
    expect(store.candles.gaps(SYMBOL, '1m')).toEqual([{ symbol: SYMBOL, timeframe: '1m', from: start + 100 * MIN, to: start + 100 * MIN }]);
    expect(rows('1m')).toEqual(week.slice(0, 300).filter((c) => c.openTime !== start + 100 * MIN));
    const before = fake.requests.length;
    await md.cache.getClosedCandles(SYMBOL, '1m', 300);
    expect(fake.requests.length).toBe(before);
    // Indicators restart after the gap: only the 199 bars after it count towards warm-up.
    expect(md.cache.readiness(SYMBOL, { '1m': 300 })).toEqual([{ timeframe: '1m', required: 300, available: 199, ready: false }]);
  });

  it('waits out a 429 Retry-After: no request is sent before it passes', async () => {
    await setup(start + 100 * MIN);
    fake.inject({ kind: 'rateLimited', retryAfterSeconds: 1, path: '/api/v3/klines' });
    const candles = await md.cache.getClosedCandles(SYMBOL, '1m', 50);
    expect(candles).toEqual(week.slice(50, 100));
    const [limited, retried] = klineRequests();
    expect(limited?.status).toBe(429);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(fake.requests.some((r) => r.beforeRetryAfter)).toBe(false);
  });

  it('treats 418 as fatal, sends nothing during the ban, and recovers after it', async () => {
    await setup(start + 100 * MIN);
    fake.inject({ kind: 'banned', retryAfterSeconds: 1, path: '/api/v3/klines' });
    await expect(md.cache.getClosedCandles(SYMBOL, '1m', 50)).rejects.toBeInstanceOf(FatalExchangeError);
    expect(rows('1m')).toEqual([]);
    expect(await md.cache.getClosedCandles(SYMBOL, '1m', 50)).toEqual(week.slice(50, 100));
    expect(fake.requests.some((r) => r.beforeRetryAfter)).toBe(false);
  });

  // A slow answer is one that outlasts the request timeout: the timeout fires first whatever the
  // machine's load (both timers run in this process, the client's set first and shorter), and the
  // answers that follow have the whole timeout to arrive.
  it.each([
    ['a 5xx', { kind: 'serverError', status: 503 } as const, undefined],
    ['malformed JSON', { kind: 'malformedJson' } as const, undefined],
    ['a slow response', { kind: 'slow', delayMs: 6_000 } as const, 2_000],
  ])('survives %s on klines with no wrong or duplicate row', async (_name, fault, timeoutMs) => {
    await setup(start + 100 * MIN, timeoutMs);
    fake.inject({ ...fault, path: '/api/v3/klines', times: 2 });
    expect(await md.cache.getClosedCandles(SYMBOL, '1m', 60)).toEqual(week.slice(40, 100));
    expect(rows('1m')).toEqual(week.slice(40, 100));
  });

  it('rejects out-of-order klines as MarketDataError and writes nothing', async () => {
    await setup(start + 100 * MIN);
    fake.inject({ kind: 'outOfOrder' });
    await expect(md.cache.getClosedCandles(SYMBOL, '1m', 60)).rejects.toBeInstanceOf(MarketDataError);
    expect(rows('1m')).toEqual([]);
    expect(await md.cache.getClosedCandles(SYMBOL, '1m', 60)).toEqual(week.slice(40, 100));
  });

  it('reads exact filters from exchangeInfo (NOTIONAL and MIN_NOTIONAL), the price, and only spot /api/v3 endpoints', async () => {
    await setup(start + 100 * MIN);
    expect(await md.cache.getFilters('BTC/USDT')).toEqual({
      symbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      tickSize: '0.01',
      minPrice: '0.01',
      maxPrice: '1000000',
      stepSize: '0.00001',
      minQty: '0.00001',
      maxQty: '9000',
      minNotional: '5',
      maxNotional: '9000000',
      // BTCUSDT's NOTIONAL binds market orders by its minimum, not its maximum.
      applyMinToMarket: true,
      applyMaxToMarket: false,
    });
    expect(await md.source.fetchFilters('LTC/BTC')).toMatchObject({
      minNotional: '0.0001',
      maxNotional: null,
      applyMinToMarket: true,
      tickSize: '0.000001',
    });
    expect(await md.cache.getPrice(SYMBOL)).toBe(week[100]?.open);
    expect(fake.requests.every((r) => r.path.startsWith('/api/v3/'))).toBe(true);
  });

  it('follows the exchange clock, including a skew, and reports readiness against it', async () => {
    await setup(start + 100 * MIN);
    fake.setClockSkew(3 * MIN);
    await md.clock.resync();
    expect(Math.abs(md.clock.now() - (start + 103 * MIN))).toBeLessThan(1_000);
    expect(md.cache.readiness(SYMBOL, { '1m': 50 })).toEqual([{ timeframe: '1m', required: 50, available: 0, ready: false }]);
    // The exchange's clock is ahead of its published bars: the two newest are not out yet, and
    // that is not a gap (nothing later was served), so they are asked for again later.
    await md.cache.backfill(SYMBOL, '1m', 50);
    expect(md.cache.readiness(SYMBOL, { '1m': 50 })).toEqual([{ timeframe: '1m', required: 50, available: 48, ready: false }]);
    expect(store.candles.gaps(SYMBOL, '1m')).toEqual([]);
    await advanceMarket(3 * MIN);
    fake.setClockSkew(0);
    await md.clock.resync();
    await md.cache.getClosedCandles(SYMBOL, '1m', 50);
    expect(md.cache.readiness(SYMBOL, { '1m': 50 })).toEqual([{ timeframe: '1m', required: 50, available: 50, ready: true }]);
  });
});

describe('warm-up gate against the fake exchange', () => {
  it('blocks while a timeframe is short, naming it, and unblocks once the market has produced enough bars', async () => {
    // Day 2 of the recorded week: 1m history is plenty, but only 11 closed 4h bars exist yet.
    await setup(start + 2 * 86_400_000 - 10 * MIN);
    const first = await warmUp(md.cache, SYMBOL, { '1m': 500, '4h': 12 });
    expect(first.readiness).toEqual([
      { timeframe: '1m', required: 500, available: 500, ready: true },
      { timeframe: '4h', required: 12, available: 11, ready: false },
    ]);
    expect(() => assertDataReady(first.readiness, true)).toThrow('4h lacks 1 closed candles (has 11 of 12)');
    expect(() => assertDataReady(first.readiness, false)).not.toThrow();

    await advanceMarket(10 * MIN);
    const second = await warmUp(md.cache, SYMBOL, { '1m': 500, '4h': 12 });
    expect(second.readiness.every((r) => r.ready)).toBe(true);
    expect(() => assertDataReady(second.readiness, true)).not.toThrow();
  });
});

describe('etiquette wiring through ccxt', () => {
  it('reads X-MBX-USED-WEIGHT-1M from every response', async () => {
    // One UTC minute for the exchange and the governor whenever the test runs: the weight restarts each minute.
    const midMinute = Date.UTC(2024, 0, 1, 12, 0, 30);
    await setup(start + 100 * MIN, undefined, () => midMinute);
    await md.cache.getClosedCandles(SYMBOL, '1m', 10);
    expect(md.governor.weightUsed).toBe(fake.weight.current());
    expect(md.governor.weightUsed).toBeGreaterThan(0);
  });

  it('on -1021 resyncs the exchange clock, then retries the request', async () => {
    await setup(start + 100 * MIN);
    let rejections = 1;
    fake.addRoutes([
      {
        method: 'GET',
        path: '/api/v3/avgPrice',
        weight: 2,
        handle: () => {
          if (rejections-- > 0) throw new BinanceApiError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
          return { body: { mins: 5, price: '51000.00000000', closeTime: start } };
        },
      },
    ]);
    const timeRequestsBefore = fake.requests.filter((r) => r.path === '/api/v3/time').length;
    const result = await md.governor.read('avgPrice', () => md.exchange.publicGetAvgPrice({ symbol: 'BTCUSDT' }));
    expect(result).toMatchObject({ price: '51000.00000000' });
    // One clock measurement: three /time readings (the best one sets the offset).
    expect(fake.requests.filter((r) => r.path === '/api/v3/time').length).toBe(timeRequestsBefore + 3);
  });
});
