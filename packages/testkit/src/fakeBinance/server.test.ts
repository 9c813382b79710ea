import { afterEach, describe, expect, it } from 'vitest';
import { BTC_2021_WEEK, recordedMarket } from './recordedMarket.js';
import { type FakeBinance, startFakeBinance } from './server.js';

const MIN = 60_000;
let fake: FakeBinance;
afterEach(async () => fake?.close());

async function get(path: string): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const res = await fetch(`${fake.url}${path}`);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body, text };
}

const start = BTC_2021_WEEK.start;

describe('fake Binance spot REST server', () => {
  it('serves 12-field klines from startTime up to limit, only bars that have opened', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start + 10 * MIN + 30_000 });
    const { body, headers } = await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${start}&limit=1000`);
    const rows = body as unknown[][];
    expect(rows).toHaveLength(11);
    expect(rows[0]).toEqual([
      start,
      '51552.61000000',
      '51657.05000000',
      '51545.00000000',
      '51613.38000000',
      '134.98921800',
      start + MIN - 1,
      expect.any(String),
      expect.any(Number),
      expect.any(String),
      expect.any(String),
      '0',
    ]);
    expect(headers.get('x-mbx-used-weight-1m')).toBe('2');
  });

  it('draws the newest bar as forming with partial OHLC until it closes', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start + 7 * MIN });
    const forming = ((await get(`/api/v3/klines?symbol=BTCUSDT&interval=5m&startTime=${start + 5 * MIN}`)).body as unknown[][])[0];
    fake.tape.clock.advance(3 * MIN);
    const closed = ((await get(`/api/v3/klines?symbol=BTCUSDT&interval=5m&startTime=${start + 5 * MIN}`)).body as unknown[][])[0];
    expect(forming?.[0]).toBe(start + 5 * MIN);
    expect(forming?.[5]).not.toEqual(closed?.[5]);
  });

  it('without startTime returns the most recent bars up to endTime', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start + 60 * MIN });
    const rows = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&endTime=${start + 20 * MIN}&limit=5`)).body as number[][];
    expect(rows.map((r) => r[0])).toEqual([16, 17, 18, 19, 20].map((i) => start + i * MIN));
  });

  it('leaves out a dropped candle while keeping the page full', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start + 60 * MIN });
    fake.faults.dropCandle({ symbol: 'BTCUSDT', timeframe: '1m', openTime: start + 2 * MIN });
    const first = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${start}&limit=5`)).body as number[][];
    expect(first.map((r) => ((r[0] as number) - start) / MIN)).toEqual([0, 1, 3, 4, 5]);
    const again = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${start}&limit=5`)).body as number[][];
    expect(again.map((r) => ((r[0] as number) - start) / MIN)).toEqual([0, 1, 2, 3, 4]);
  });

  it('answers errors in Binance format and 404 for endpoints it does not have', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start });
    expect(await get('/api/v3/klines?symbol=NOPEUSDT&interval=1m')).toMatchObject({
      status: 400,
      body: { code: -1121, msg: 'Invalid symbol.' },
    });
    expect(await get('/api/v3/klines?symbol=BTCUSDT&interval=7m')).toMatchObject({ status: 400, body: { code: -1120 } });
    expect(await get('/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1001')).toMatchObject({ status: 400, body: { code: -1130 } });
    expect((await get('/sapi/v1/margin/allPairs')).status).toBe(404);
  });

  it('rate limits with Retry-After and bans a client that does not wait', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start });
    fake.inject({ kind: 'rateLimited', retryAfterSeconds: 30 });
    const limited = await get('/api/v3/time');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    const ignored = await get('/api/v3/time');
    expect(ignored.status).toBe(418);
    expect(fake.requests.map((r) => r.beforeRetryAfter)).toEqual([false, true]);
  });

  it('returns 429 once the minute weight budget is used up', async () => {
    // Both requests in one UTC minute, whenever the test runs: the budget starts afresh each minute.
    const midMinute = Date.UTC(2024, 0, 1, 12, 0, 30);
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start, weightLimit: 30, wallClock: () => midMinute });
    expect((await get('/api/v3/exchangeInfo?symbol=BTCUSDT')).status).toBe(200);
    const over = await get('/api/v3/exchangeInfo?symbol=BTCUSDT');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('injects malformed JSON, reversed klines, 5xx and clock skew on demand', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start + 60 * MIN });
    fake.inject({ kind: 'malformedJson', path: '/api/v3/time' });
    expect((await get('/api/v3/time')).body).toBeNull();
    fake.inject({ kind: 'outOfOrder' });
    const rows = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${start}&limit=3`)).body as number[][];
    expect(rows.map((r) => r[0])).toEqual([start + 2 * MIN, start + MIN, start]);
    fake.inject({ kind: 'serverError', status: 502 });
    expect((await get('/api/v3/ping')).status).toBe(502);
    fake.setClockSkew(5000);
    expect((await get('/api/v3/time')).body).toEqual({ serverTime: start + 60 * MIN + 5000 });
  });

  it('lists exchangeInfo filters with NOTIONAL or the older MIN_NOTIONAL', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start });
    const info = (await get('/api/v3/exchangeInfo?symbols=["BTCUSDT","LTCBTC"]')).body as {
      symbols: Array<{ filters: Array<{ filterType: string }> }>;
    };
    expect(info.symbols.map((s) => s.filters.map((f) => f.filterType).filter((t) => t.includes('NOTIONAL')))).toEqual([
      ['NOTIONAL'],
      ['MIN_NOTIONAL'],
    ]);
  });
});
