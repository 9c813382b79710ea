import { afterEach, describe, expect, it } from 'vitest';
import { createSignedExchange, type SignedExchange } from '../orderRoutes.js';
import { BTC_2021_WEEK, recordedMarket } from '../recordedMarket.js';
import { type FakeBinance, startFakeBinance } from '../server.js';
import { hmacSignature } from './signature.js';

// The HMAC example of rest-api.md ("SIGNED request example (HMAC)").
const DOC_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const DOC_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const DOC_PAYLOAD = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';

let fake: FakeBinance;
let ex: SignedExchange;
afterEach(async () => fake?.close());

async function start(): Promise<void> {
  fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 3_600_000, speed: 1 });
  ex = createSignedExchange({ apiKey: DOC_KEY, secret: DOC_SECRET, balances: { USDT: '1000', BTC: '0.01' } });
  fake.addRoutes(ex.routes);
}

async function signedCall(
  method: string,
  path: string,
  params: Record<string, string>,
  opts: { timestamp?: number; secret?: string } = {},
) {
  const time = ((await (await fetch(`${fake.url}/api/v3/time`)).json()) as { serverTime: number }).serverTime;
  const query = new URLSearchParams({ ...params, recvWindow: '5000', timestamp: String(opts.timestamp ?? time) }).toString();
  const signature = hmacSignature(query, opts.secret ?? DOC_SECRET);
  const res = await fetch(`${fake.url}${path}?${query}&signature=${signature}`, { method, headers: { 'X-MBX-APIKEY': DOC_KEY } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & Array<Record<string, unknown>> };
}

describe('fake Binance signed endpoints', () => {
  it('computes the HMAC-SHA256 signature of the rest-api.md example', () => {
    expect(hmacSignature(DOC_PAYLOAD, DOC_SECRET)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
  });

  it('refuses a wrong signature (-1022) and a stale timestamp (-1021)', async () => {
    await start();
    expect((await signedCall('GET', '/api/v3/account', {}, { secret: 'wrong' })).body.code).toBe(-1022);
    const stale = await signedCall('GET', '/api/v3/account', {}, { timestamp: BTC_2021_WEEK.start });
    expect(stale.body.code).toBe(-1021);
  });

  it('fills a market buy at the last price, charges the fee in base and lists the trade', async () => {
    await start();
    const placed = await signedCall('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
      newClientOrderId: 'wd-a1',
    });
    expect(placed.body.status).toBe('FILLED');
    const trades = await signedCall('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' });
    expect(trades.body).toHaveLength(1);
    expect(trades.body[0]?.commissionAsset).toBe('BTC');
    const account = await signedCall('GET', '/api/v3/account', {});
    const btc = (account.body.balances as Array<{ asset: string; free: string }>).find((b) => b.asset === 'BTC');
    expect(btc?.free).toBe('0.01099900');
  });

  it('rejects filter failures (-1013), overdrafts (-2010) and a duplicate open client id (-2010)', async () => {
    await start();
    expect(
      (await signedCall('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.0000001' })).body,
    ).toMatchObject({ code: -1013, msg: 'Filter failure: LOT_SIZE' });
    expect((await signedCall('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1' })).body.code).toBe(
      -2010,
    );
    const limit = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: '10000',
      newClientOrderId: 'wd-dup',
    };
    expect((await signedCall('POST', '/api/v3/order', limit)).body.status).toBe('NEW');
    expect((await signedCall('POST', '/api/v3/order', limit)).body).toMatchObject({ code: -2010, msg: 'Duplicate order sent.' });
    expect(ex.ordersWithClientId('wd-dup')).toBe(1);
  });

  it('queries and cancels by client id; unknown orders answer -2013 and -2011', async () => {
    await start();
    await signedCall('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: '10000',
      newClientOrderId: 'wd-c1',
    });
    expect((await signedCall('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'wd-c1' })).body.status).toBe('NEW');
    expect((await signedCall('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body).toHaveLength(1);
    expect((await signedCall('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'wd-c1' })).body.status).toBe('CANCELED');
    expect((await signedCall('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'wd-c1' })).body.code).toBe(-2011);
    expect((await signedCall('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'nope' })).body.code).toBe(-2013);
  });

  it('partially fills a marketable limit order, rests the rest, and fills it when the price crosses', async () => {
    await start();
    ex.faults.inject({ kind: 'partialFill', ratio: 0.5 });
    ex.setPrice('BTCUSDT', '20000');
    const placed = await signedCall('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.002',
      price: '20000',
      newClientOrderId: 'wd-p1',
    });
    expect(placed.body).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.00100000' });
    ex.setPrice('BTCUSDT', '19990');
    const later = await signedCall('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'wd-p1' });
    expect(later.body).toMatchObject({ status: 'FILLED', executedQty: '0.00200000' });
    expect(ex.engine.trades.map((t) => t.isMaker)).toEqual([false, true]);
  });

  it('fills a resting order in pieces in a thin market, one trade each, and a cancel releases only the rest', async () => {
    await start();
    ex.setPrice('BTCUSDT', '20000');
    const order = { symbol: 'BTCUSDT', origClientOrderId: 'wd-thin' };
    await signedCall('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: '19000',
      newClientOrderId: 'wd-thin',
    });
    ex.setPrice('BTCUSDT', '18990', { liquidity: '0.003' });
    expect((await signedCall('GET', '/api/v3/order', order)).body).toMatchObject({
      status: 'PARTIALLY_FILLED',
      origQty: '0.01000000',
      executedQty: '0.00300000',
      cummulativeQuoteQty: '57.00000000',
    });
    // The liquidity is used up: asking again fills nothing more.
    expect((await signedCall('GET', '/api/v3/order', order)).body.executedQty).toBe('0.00300000');
    ex.setPrice('BTCUSDT', '18980', { liquidity: '0.002' });
    expect((await signedCall('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body).toEqual([
      expect.objectContaining({ status: 'PARTIALLY_FILLED', executedQty: '0.00500000', cummulativeQuoteQty: '95.00000000' }),
    ]);
    const trades = (await signedCall('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' })).body;
    expect(trades.map((t) => [t.qty, t.price, t.isMaker, t.commission])).toEqual([
      ['0.00300000', '19000.00000000', true, '0.00000300'],
      ['0.00200000', '19000.00000000', true, '0.00000200'],
    ]);
    const canceled = await signedCall('DELETE', '/api/v3/order', order);
    expect(canceled.body).toMatchObject({ status: 'CANCELED', executedQty: '0.00500000' });
    const balances = (await signedCall('GET', '/api/v3/account', {})).body.balances as unknown as Array<Record<string, string>>;
    expect(balances).toEqual([
      { asset: 'BTC', free: '0.01499500', locked: '0.00000000' },
      { asset: 'USDT', free: '905.00000000', locked: '0.00000000' },
    ]);
  });
});
