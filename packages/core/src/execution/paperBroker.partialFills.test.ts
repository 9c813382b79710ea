import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../domain/orders.js';
import { ValidationError } from '../errors/errors.js';
import type { MarketTick } from '../ports/broker.js';
import { PaperBroker, type PaperBrokerOptions } from './paperBroker.js';
import { PaperPortfolio } from './paperPortfolio.js';
import { buildSymbolFilters } from './symbolFilters.fixture.js';

// BTC/USDT's filters: step 0.00001 BTC, min notional 5 USDT. Maker fee 0.1 %, slippage 0.
const options: PaperBrokerOptions = {
  filters: buildSymbolFilters(),
  slippageBps: 0,
  makerFeePct: 0.1,
  takerFeePct: 0.1,
  maxFillSharePct: 10,
};

function limit(overrides: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientOrderId: 'c1',
    symbol: 'BTC/USDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.1',
    price: '19000',
    cycleId: 'cy1',
    reason: 'test',
    tag: null,
    ...overrides,
  };
}

/** A candle closing at `price`, its range down to `low` and up to `high`, with `volume` BTC traded. */
function candle(now: number, volume: number, range: { low?: number; high?: number; price?: number } = {}): MarketTick {
  const price = range.price ?? 20_000;
  return { now, price, high: range.high ?? price, low: range.low ?? price, volume };
}

const PLACED = candle(1_000, 0);

describe('PaperBroker partial fills: a resting limit order takes at most a share of each candle’s volume', () => {
  it('fills 10 % of a 0.3 BTC candle, rests the rest PARTIALLY_FILLED, then fills it on the next candle', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit(), PLACED);
    const first = broker.sync(candle(2_000, 0.3, { low: 18_900 }));
    expect(first.orders).toEqual([
      expect.objectContaining({
        status: 'PARTIALLY_FILLED',
        quantity: '0.1',
        filledQuantity: '0.03',
        avgFillPrice: '19000',
        updatedAt: 2_000,
      }),
    ]);
    expect(first.fills).toEqual([
      expect.objectContaining({
        tradeId: 'c1-T1',
        quantity: '0.03',
        price: '19000',
        quoteQuantity: '570',
        fee: '0.00003',
        liquidity: 'maker',
      }),
    ]);
    // The remainder still locks its cost: 0.07 × 19 000.
    expect(broker.balances()).toMatchObject({ base: { free: '0.02997', locked: '0' }, quote: { free: '8100', locked: '1330' } });
    expect(broker.openOrders('BTC/USDT')).toEqual([expect.objectContaining({ status: 'PARTIALLY_FILLED', filledQuantity: '0.03' })]);

    const second = broker.sync(candle(3_000, 5, { low: 18_950 }));
    expect(second.orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: '0.1', avgFillPrice: '19000' });
    expect(second.fills).toEqual([expect.objectContaining({ tradeId: 'c1-T2', quantity: '0.07', fee: '0.00007', liquidity: 'maker' })]);
    expect(broker.balances()).toMatchObject({ base: { free: '0.0999', locked: '0' }, quote: { free: '8100', locked: '0' } });
    expect(broker.openOrders('BTC/USDT')).toHaveLength(0);
  });

  it('fills a resting sell in pieces the same way, the fee taken from each piece’s quote', () => {
    const broker = PaperBroker.start(options, '0', '0.1');
    broker.submit(limit({ side: 'SELL', price: '21000' }), PLACED);
    const { fills } = broker.sync(candle(2_000, 0.5, { high: 21_500 }));
    expect(fills).toEqual([expect.objectContaining({ quantity: '0.05', quoteQuantity: '1050', fee: '1.05', feeAsset: 'USDT' })]);
    expect(broker.balances()).toMatchObject({ base: { free: '0', locked: '0.05' }, quote: { free: '1048.95', locked: '0' } });
  });

  it('fills nothing from a candle that did not reach the limit, however much traded', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit(), PLACED);
    expect(broker.sync(candle(2_000, 1_000, { low: 19_000.01 })).fills).toHaveLength(0);
  });

  it('fills nothing when no volume is known to have traded (no candle closed since the last tick)', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit(), PLACED);
    expect(broker.sync(candle(2_000, 0, { low: 18_000 })).fills).toHaveLength(0);
    expect(broker.balances().quote).toMatchObject({ free: '8100', locked: '1900' });
  });

  it('shares one candle’s capacity among the crossed orders, oldest first', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit({ clientOrderId: 'old', quantity: '0.02' }), PLACED);
    broker.submit(limit({ clientOrderId: 'new', quantity: '0.05', price: '19500' }), PLACED);
    // Capacity 10 % × 0.5 = 0.05 BTC: all of the older order, then 0.03 of the newer one.
    const { fills } = broker.sync(candle(2_000, 0.5, { low: 18_000 }));
    expect(fills.map((f) => [f.clientOrderId, f.quantity])).toEqual([
      ['old', '0.02'],
      ['new', '0.03'],
    ]);
  });

  it('keeps every piece on the step size: the capacity is floored to 0.00001 BTC', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit(), PLACED);
    const { fills } = broker.sync(candle(2_000, 0.123456789, { low: 18_000 }));
    expect(fills[0]?.quantity).toBe('0.01234');
  });

  it('fills nothing rather than a piece below the minimum notional, but always fills a remainder that fits', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit({ quantity: '0.0003' }), PLACED); // 5.70 USDT, just above the 5 USDT minimum
    // 10 % of 0.0025 = 0.00025 BTC = 4.75 USDT: a piece under the minimum would leave a remainder, so nothing fills.
    expect(broker.sync(candle(2_000, 0.0025, { low: 18_000 })).fills).toHaveLength(0);
    // 10 % of 0.0029 = 0.00029 BTC = 5.51 USDT: a valid piece; its 0.00001 BTC remainder is dust...
    expect(broker.sync(candle(3_000, 0.0029, { low: 18_000 })).fills.map((f) => f.quantity)).toEqual(['0.00029']);
    // ... which still fills, in full, once a candle's capacity covers it.
    const last = broker.sync(candle(4_000, 0.0001, { low: 18_000 }));
    expect(last.fills.map((f) => [f.tradeId, f.quantity])).toEqual([['c1-T2', '0.00001']]);
    expect(last.orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: '0.0003' });
  });

  it('with TRADING_PAPER_MAX_FILL_SHARE_PCT=0 a crossed order fills in full whatever the volume (no cap)', () => {
    const broker = PaperBroker.start({ ...options, maxFillSharePct: 0 }, '10000');
    broker.submit(limit(), PLACED);
    expect(broker.sync(candle(2_000, 0, { low: 18_000 })).orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: '0.1' });
  });

  it('with 100 a resting order may take the candle’s whole volume, no more', () => {
    const broker = PaperBroker.start({ ...options, maxFillSharePct: 100 }, '10000');
    broker.submit(limit(), PLACED);
    expect(broker.sync(candle(2_000, 0.06, { low: 18_000 })).fills[0]?.quantity).toBe('0.06');
  });

  it('leaves market orders and limits marketable on arrival alone: they take the book at once, in full', () => {
    const broker = PaperBroker.start(options, '100000');
    const market = broker.submit(limit({ clientOrderId: 'm', type: 'MARKET', price: null, quantity: '1' }), candle(1_000, 0));
    expect(market.orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: '1' });
    const marketable = broker.submit(limit({ clientOrderId: 'l', price: '20010', quantity: '1' }), candle(1_000, 0));
    expect(marketable.fills).toEqual([expect.objectContaining({ quantity: '1', liquidity: 'taker', tradeId: 'l-T1' })]);
  });

  it('refuses a share outside 0–100, naming the variable', () => {
    for (const bad of [-1, 101, Number.NaN]) {
      expect(() => PaperBroker.start({ ...options, maxFillSharePct: bad }, '1000')).toThrow(ValidationError);
      try {
        PaperBroker.start({ ...options, maxFillSharePct: bad }, '1000');
      } catch (error) {
        expect((error as ValidationError).field).toBe('TRADING_PAPER_MAX_FILL_SHARE_PCT');
      }
    }
  });

  it('counts only the unfilled part of a resting buy as exposure', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit(), PLACED);
    broker.sync(candle(2_000, 0.3, { low: 18_900 }));
    // Held 0.02997 BTC at 20 000 plus the 0.07 BTC still to buy at 19 000.
    expect(broker.exposureAt(20_000)).toBeCloseTo(0.02997 * 20_000 + 0.07 * 19_000, 6);
  });
});

describe('PaperBroker cancels of partly filled orders release only the remainder', () => {
  it('cancel: the remainder’s locked quote returns to free; the order keeps what it filled', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit(), PLACED);
    broker.sync(candle(2_000, 0.3, { low: 18_900 }));
    const { orders } = broker.cancel('c1', 3_000);
    expect(orders[0]).toMatchObject({ status: 'CANCELED', filledQuantity: '0.03', avgFillPrice: '19000', updatedAt: 3_000 });
    // 10 000 − 570 spent on the 0.03 that filled; nothing stays locked.
    expect(broker.balances()).toMatchObject({ base: { free: '0.02997', locked: '0' }, quote: { free: '9430', locked: '0' } });
  });

  it('emergency stop (cancelAll): each partly filled order releases its own remainder', () => {
    const broker = PaperBroker.start(options, '10000', '1');
    broker.submit(limit(), PLACED);
    broker.submit(limit({ clientOrderId: 'c2', side: 'SELL', price: '21000', quantity: '0.4' }), PLACED);
    broker.sync(candle(2_000, 0.3, { low: 18_900, high: 21_000 })); // 0.03 capacity: all to the older buy
    broker.sync(candle(3_000, 0.2, { low: 19_500, high: 21_000 })); // 0.02 to the sell
    const report = broker.cancelAll('BTC/USDT', 4_000);
    expect(report.canceled.map((o) => [o.clientOrderId, o.status, o.filledQuantity])).toEqual([
      ['c1', 'CANCELED', '0.03'],
      ['c2', 'CANCELED', '0.02'],
    ]);
    expect(broker.balances()).toMatchObject({
      base: { free: '1.00997', locked: '0' }, // 1 + 0.03 − 0.00003 fee − 0.02 sold
      quote: { free: '9849.58', locked: '0' }, // 10 000 − 570 + 420 − 0.42 fee
    });
  });
});

describe('PaperBroker checkpoints with partly filled orders', () => {
  it('restores a partly filled order with its fill count: the next piece is T2, never a second T1', () => {
    const live = PaperBroker.start(options, '10000');
    live.submit(limit(), PLACED);
    live.sync(candle(2_000, 0.3, { low: 18_900 }));
    const saved = JSON.parse(JSON.stringify(live.state()));
    expect(saved.fillCounts).toEqual({ c1: 1 });
    expect(saved.orders[0]).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: '0.03' });
    const restarted = PaperBroker.restore(saved, options);
    const next = candle(3_000, 0.2, { low: 18_900 });
    const a = live.sync(next);
    expect(restarted.sync(next)).toEqual(a);
    expect(a.fills[0]?.tradeId).toBe('c1-T2');
    expect(restarted.state()).toEqual(live.state());
  });

  it('drops the count once the order is done, so a snapshot without partly filled orders has no fillCounts', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit(), PLACED);
    broker.sync(candle(2_000, 0.3, { low: 18_900 }));
    broker.cancel('c1', 3_000);
    expect(broker.state()).not.toHaveProperty('fillCounts');
  });

  it('refuses a snapshot whose resting orders contradict their fills', () => {
    const broker = PaperBroker.start(options, '10000');
    broker.submit(limit(), PLACED);
    broker.sync(candle(2_000, 0.3, { low: 18_900 }));
    const saved = broker.state();
    const order = saved.orders[0] as (typeof saved.orders)[0];
    const bad = [
      { ...saved, fillCounts: undefined }, // partly filled without its count
      { ...saved, fillCounts: { c1: 1, ghost: 2 } }, // a count for no order
      { ...saved, orders: [{ ...order, filledQuantity: '0.1' }] }, // a filled order cannot rest
      { ...saved, orders: [{ ...order, status: 'NEW' }] }, // NEW with a fill
    ];
    for (const state of bad) expect(() => PaperBroker.restore(state, options), JSON.stringify(state)).toThrow(ValidationError);
  });

  it('carries the fill counts through a portfolio snapshot and its rewind', () => {
    const portfolio = PaperPortfolio.start([options], 10_000);
    const broker = portfolio.broker('BTC/USDT');
    broker.submit(limit(), PLACED);
    broker.sync(candle(2_000, 0.3, { low: 18_900 }));
    const saved = JSON.parse(JSON.stringify(portfolio.state()));
    expect(saved.pairs[0].fillCounts).toEqual({ c1: 1 });
    broker.sync(candle(3_000, 0.2, { low: 18_900 })); // T2, then rewound as after a failed commit
    portfolio.resetTo(saved);
    expect(broker.sync(candle(3_000, 0.2, { low: 18_900 })).fills[0]?.tradeId).toBe('c1-T2');
    const restored = PaperPortfolio.restore(saved, [options]);
    expect(restored.broker('BTC/USDT').sync(candle(3_000, 0.2, { low: 18_900 })).fills[0]?.tradeId).toBe('c1-T2');
  });
});
