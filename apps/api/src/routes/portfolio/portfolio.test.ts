import type { EquitySnapshot, MetricsSnapshot, Order } from '@warden/core/domain/orders';
import { pairStore } from '@warden/core/portfolio/pairStore';
import { PAIR_STATE_KEY } from '@warden/core/state/pairState';
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

function equity(time: number, symbol: string | null, values: Partial<EquitySnapshot>): EquitySnapshot {
  return {
    time,
    cycleId: `c-${time}`,
    symbol,
    equity: '10000',
    quoteBalance: '10000',
    baseBalance: '0',
    price: '1',
    unrealizedPnl: '0',
    realizedPnl: '0',
    ...values,
  };
}

function metrics(time: number, symbol: string | null, values: Partial<MetricsSnapshot>): MetricsSnapshot {
  return {
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
    ...values,
  };
}

const restingBuy = (id: string, symbol: string): Order => ({
  clientOrderId: id,
  exchangeOrderId: null,
  symbol,
  side: 'BUY',
  type: 'LIMIT',
  status: 'NEW',
  quantity: '0.1',
  price: '1900',
  filledQuantity: '0',
  avgFillPrice: null,
  mode: 'paper',
  cycleId: 'c-1',
  reason: 'grid level',
  tag: null,
  createdAt: START,
  updatedAt: START,
});

describe('GET /api/portfolio', () => {
  it("shows every pair's holding, value and share of the account, from each pair's latest snapshots", async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    const { store } = h;
    // A row from the single-pair version (symbol null: the legacy pair BTC/USDT's), then a tick of both pairs.
    store.equity.insert(equity(START, null, { baseBalance: '0.05', price: '40000' }));
    store.equity.insert(
      equity(START + 60_000, 'BTC/USDT', {
        equity: '10100',
        quoteBalance: '4000',
        baseBalance: '0.1',
        price: '41000',
        realizedPnl: '12.5',
      }),
    );
    store.equity.insert(
      equity(START + 60_000, 'ETH/USDT', {
        equity: '10200',
        quoteBalance: '4000',
        baseBalance: '1.05',
        price: '2000',
        unrealizedPnl: '-3.25',
      }),
    );
    store.metrics.insert(metrics(START + 60_000, 'BTC/USDT', { tradeCount: 4, feesPaid: 1.5 }));
    store.metrics.insert(metrics(START + 60_000, 'ETH/USDT', { tradeCount: 2, feesPaid: 0.75 }));
    store.orders.insert(restingBuy('wd-eth-1', 'ETH/USDT'));
    pairStore(store, 'ETH/USDT').config.set(PAIR_STATE_KEY, 'PAUSED', 'user:olga', START);

    const res = await h.request('GET', '/api/portfolio');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      // Without a running bot (this harness has no watermarks) there is no performance to show.
      performance: null,
      quote: 'USDT',
      equity: 10200,
      quoteBalance: 4000,
      exposurePct: ((4100 + 2100) / 10200) * 100,
      time: START + 60_000,
      pairs: [
        {
          symbol: 'BTC/USDT',
          strategy: 'grid',
          state: 'RUNNING',
          paused: false,
          price: 41000,
          baseBalance: 0.1,
          value: 4100,
          allocationPct: (4100 / 10200) * 100,
          realizedPnl: '12.5',
          unrealizedPnl: '0',
          trades: 4,
          feesPaid: 1.5,
          openOrders: 0,
        },
        {
          symbol: 'ETH/USDT',
          strategy: 'ema_crossover',
          state: 'PAUSED',
          paused: true,
          price: 2000,
          baseBalance: 1.05,
          value: 2100,
          allocationPct: (2100 / 10200) * 100,
          realizedPnl: '0',
          unrealizedPnl: '-3.25',
          trades: 2,
          feesPaid: 0.75,
          openOrders: 1,
        },
      ],
    });
  });

  it('counts the rows of the single-pair version as the legacy pair’s', async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    h.store.equity.insert(equity(START, null, { equity: '10050', quoteBalance: '8000', baseBalance: '0.05', price: '41000' }));
    h.store.metrics.insert(metrics(START, null, { tradeCount: 7 }));
    const res = await h.request('GET', '/api/portfolio');
    expect(
      res.body.pairs.map((p: { symbol: string; value: number; trades: number; price: number | null }) => [
        p.symbol,
        p.value,
        p.trades,
        p.price,
      ]),
    ).toEqual([
      ['BTC/USDT', 2050, 7, 41000],
      ['ETH/USDT', 0, 0, null],
    ]);
  });

  it('answers before the first cycle: no equity yet, no prices', async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    const res = await h.request('GET', '/api/portfolio');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ quote: 'USDT', equity: 0, quoteBalance: 0, exposurePct: 0, time: null });
    expect(res.body.pairs.map((p: { price: number | null; allocationPct: number }) => [p.price, p.allocationPct])).toEqual([
      [null, 0],
      [null, 0],
    ]);
  });

  it('refuses a query parameter it does not know', async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    const res = await h.request('GET', '/api/portfolio?symbol=BTC%2FUSDT');
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('query.symbol');
  });
});

describe('GET /api/portfolio/equity', () => {
  it("gives the account's equity once per cycle tick (the last row of the tick), newest first, cursor-paged", async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    for (let tick = 0; tick < 5; tick++) {
      const time = START + tick * 60_000;
      h.store.equity.insert(equity(time, 'BTC/USDT', { equity: String(10_000 + tick * 10) }));
      h.store.equity.insert(equity(time, 'ETH/USDT', { equity: String(10_000 + tick * 10 + 1) }));
    }
    const first = await h.request('GET', '/api/portfolio/equity?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      { time: START + 240_000, equity: 10_041 },
      { time: START + 180_000, equity: 10_031 },
      { time: START + 120_000, equity: 10_021 },
    ]);
    const second = await h.request('GET', `/api/portfolio/equity?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({
      items: [
        { time: START + 60_000, equity: 10_011 },
        { time: START, equity: 10_001 },
      ],
      nextCursor: null,
    });
    const ranged = await h.request('GET', `/api/portfolio/equity?from=${START + 60_000}&to=${START + 120_000}`);
    expect(ranged.body.items.map((p: { time: number }) => p.time)).toEqual([START + 120_000, START + 60_000]);
  });

  it('refuses unknown query parameters and bad ranges with a 400 naming them', async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    for (const [query, field] of [
      ['symbol=BTC%2FUSDT', 'query.symbol'],
      ['limit=0', 'query.limit'],
      ['from=-1', 'query.from'],
    ]) {
      const res = await h.request('GET', `/api/portfolio/equity?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.field, query).toBe(field);
    }
  });
});
