import type { EquitySnapshot, Fill } from '@warden/core/domain/orders';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, START, startApi } from '../../testing/apiHarness.js';

const TWO_PAIRS = {
  TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT',
  TRADING_PAIR_STRATEGIES: 'ETH/USDT=ema_crossover',
  TRADING_ACTIVE_STRATEGY: 'grid',
};

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const snapshot = (time: number, symbol: string | null): EquitySnapshot => ({
  time,
  cycleId: null,
  symbol,
  equity: '10000',
  quoteBalance: '10000',
  baseBalance: '0',
  price: '1',
  unrealizedPnl: '0',
  realizedPnl: '0',
});

const fill = (tradeId: string, symbol: string): Fill => ({
  tradeId,
  clientOrderId: `o-${tradeId}`,
  symbol,
  side: 'BUY',
  price: '100',
  quantity: '1',
  quoteQuantity: '100',
  fee: '0.1',
  feeAsset: 'USDT',
  liquidity: 'taker',
  time: START,
});

/** Every pair, with what each route answered for it: the rows' symbols. */
async function symbolsOf(path: string): Promise<Array<string | null>> {
  const res = await (h as ApiHarness).request('GET', path);
  expect(res.status, path).toBe(200);
  return (res.body.items as Array<{ symbol: string | null }>).map((r) => r.symbol);
}

describe('routes that take ?symbol= with several pairs', () => {
  it("equity and metrics: absent = every row, with it that pair's rows, the single-pair version's rows counting as the legacy pair's", async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    h.store.equity.insert(snapshot(START, null));
    h.store.equity.insert(snapshot(START + 1, 'BTC/USDT'));
    h.store.equity.insert(snapshot(START + 1, 'ETH/USDT'));
    const metrics = (time: number, symbol: string | null) => ({
      time,
      cycleId: null,
      symbol,
      totalReturnPct: 0,
      maxDrawdownPct: 0,
      winRate: 0,
      profitFactor: null,
      sharpe: null,
      feesPaid: 0,
      tradeCount: 0,
      exposurePct: 0,
    });
    h.store.metrics.insert(metrics(START, null));
    h.store.metrics.insert(metrics(START + 1, 'ETH/USDT'));

    expect(await symbolsOf('/api/equity')).toEqual(['ETH/USDT', 'BTC/USDT', null]);
    expect(await symbolsOf('/api/equity?symbol=BTC%2FUSDT')).toEqual(['BTC/USDT', null]);
    expect(await symbolsOf('/api/equity?symbol=ETH%2FUSDT')).toEqual(['ETH/USDT']);
    expect(await symbolsOf('/api/metrics')).toEqual(['ETH/USDT', null]);
    expect(await symbolsOf('/api/metrics?symbol=BTC%2FUSDT')).toEqual([null]);
    expect(await symbolsOf('/api/metrics?symbol=ETH%2FUSDT&from=0')).toEqual(['ETH/USDT']);
  });

  it('orders, fills and positions: absent = every pair, with it one pair', async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    h.store.fills.insert(fill('1', 'BTC/USDT'));
    h.store.fills.insert(fill('2', 'ETH/USDT'));
    h.store.positions.upsert({ symbol: 'ETH/USDT', quantity: '1', avgEntryPrice: '100', realizedPnl: '0', updatedAt: START });
    h.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '1', avgEntryPrice: '100', realizedPnl: '0', updatedAt: START });
    expect(await symbolsOf('/api/fills')).toEqual(['ETH/USDT', 'BTC/USDT']);
    expect(await symbolsOf('/api/fills?symbol=ETH%2FUSDT')).toEqual(['ETH/USDT']);
    expect((await symbolsOf('/api/positions')).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(await symbolsOf('/api/positions?symbol=BTC%2FUSDT')).toEqual(['BTC/USDT']);
    expect(await symbolsOf('/api/orders?symbol=BTC%2FUSDT')).toEqual([]);
  });

  it('answers 400 naming query.symbol for a pair not traded, on every route that takes one', async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    for (const route of ['orders', 'fills', 'positions', 'equity', 'metrics', 'candles', 'strategy', 'approvals']) {
      const res = await h.request('GET', `/api/${route}?symbol=XRP%2FUSDT`);
      expect(res.status, route).toBe(400);
      expect(res.body.error.details.field, route).toBe('query.symbol');
      expect(res.body.error.message, route).toContain('XRP/USDT is not one of the traded pairs');
    }
    expect((await h.request('GET', '/api/equity?symbol=btc-usdt')).status).toBe(400);
  });

  it("candles and strategy default to the first pair; a named pair gets that pair's", async () => {
    const asked: string[] = [];
    h = await startApi({
      auth: false,
      env: TWO_PAIRS,
      deps: {
        strategyInfo: (symbol) => {
          asked.push(symbol);
          return symbol === 'ETH/USDT'
            ? { name: 'ema_crossover', params: { fast_period: 12 }, tunable: [], describe: null }
            : { name: 'grid', params: { levels: 10 }, tunable: [], describe: { levels: [100, 101] } };
        },
      },
    });
    const candle = (openTime: number, close: number) => ({ openTime, open: close, high: close, low: close, close, volume: 1 });
    h.store.candles.upsertMany('BTC/USDT', '5m', [candle(START, 40_000)]);
    h.store.candles.upsertMany('ETH/USDT', '5m', [candle(START, 2_000)]);
    const first = await h.request('GET', '/api/candles?timeframe=5m');
    expect(first.body).toMatchObject({ symbol: 'BTC/USDT', items: [{ close: 40_000 }] });
    const eth = await h.request('GET', '/api/candles?symbol=ETH%2FUSDT&timeframe=5m');
    expect(eth.body).toMatchObject({ symbol: 'ETH/USDT', items: [{ close: 2_000 }] });

    expect((await h.request('GET', '/api/strategy')).body).toEqual({
      symbol: 'BTC/USDT',
      name: 'grid',
      params: { levels: 10 },
      tunable: [],
      describe: { levels: [100, 101] },
    });
    expect((await h.request('GET', '/api/strategy?symbol=ETH%2FUSDT')).body).toMatchObject({ symbol: 'ETH/USDT', name: 'ema_crossover' });
    expect(asked).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it('the status lists every pair and names the pair of each readiness row', async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    const status = (await h.request('GET', '/api/system/status')).body;
    expect(status.symbol).toBe('BTC/USDT');
    expect(status.pairs).toEqual([
      { symbol: 'BTC/USDT', strategy: 'grid', state: 'RUNNING', paused: false, dataReady: true },
      { symbol: 'ETH/USDT', strategy: 'ema_crossover', state: 'RUNNING', paused: false, dataReady: true },
    ]);
    const timeframes = (h.config.TRADING_TIMEFRAMES as readonly string[]).length;
    expect(status.dataReadiness.map((r: { symbol?: string }) => r.symbol)).toEqual([
      ...Array(timeframes).fill('BTC/USDT'),
      ...Array(timeframes).fill('ETH/USDT'),
    ]);
  });
});
