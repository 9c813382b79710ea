import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../domain/orders.js';
import { NotFoundError, ValidationError } from '../errors/errors.js';
import type { MarketTick } from '../ports/broker.js';
import { PaperBroker, type PaperBrokerOptions } from './paperBroker.js';
import { buildSymbolFilters } from './symbolFilters.fixture.js';

const options: PaperBrokerOptions = {
  filters: buildSymbolFilters(),
  slippageBps: 10,
  makerFeePct: 0.1,
  takerFeePct: 0.1,
  maxFillSharePct: 10,
};

function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientOrderId: 'c1',
    symbol: 'BTC/USDT',
    side: 'BUY',
    type: 'MARKET',
    quantity: '0.1',
    price: null,
    cycleId: 'cy1',
    reason: 'test',
    tag: null,
    ...overrides,
  };
}

/** A tick in a liquid market (1,000 BTC traded): these orders fill in full; partial fills have their own tests. */
function tick(price: number, range: Partial<MarketTick> = {}): MarketTick {
  return { now: 1_000, price, high: price, low: price, volume: 1_000, ...range };
}

describe('PaperBroker market orders', () => {
  it('fills a market buy at the price plus slippage, rounded up to the tick, and takes the taker fee in base', async () => {
    const broker = PaperBroker.start(options, '10000');
    const { orders, fills } = await broker.submit(intent(), tick(20_000));
    expect(orders[0]?.status).toBe('FILLED');
    expect(fills[0]).toMatchObject({
      price: '20020',
      quantity: '0.1',
      quoteQuantity: '2002',
      fee: '0.0001',
      feeAsset: 'BTC',
      liquidity: 'taker',
      tradeId: 'c1-T1',
    });
    expect(await broker.balances()).toMatchObject({ base: { free: '0.0999', locked: '0' }, quote: { free: '7998', locked: '0' } });
  });

  it('fills a market sell at the price minus slippage and takes the fee in quote', async () => {
    const broker = PaperBroker.start(options, '0', '1');
    const { fills } = await broker.submit(intent({ side: 'SELL' }), tick(20_000));
    expect(fills[0]).toMatchObject({ price: '19980', quoteQuantity: '1998', fee: '1.998', feeAsset: 'USDT' });
    expect(await broker.balances()).toMatchObject({ base: { free: '0.9' }, quote: { free: '1996.002' } });
  });

  it('rejects a buy it cannot pay for and leaves the balances untouched', async () => {
    const broker = PaperBroker.start(options, '100');
    const { orders, fills } = await broker.submit(intent({ quantity: '0.01' }), tick(20_000));
    expect(orders[0]?.status).toBe('REJECTED');
    expect(orders[0]?.reason).toMatch(/insufficient USDT/);
    expect(fills).toHaveLength(0);
    expect((await broker.balances()).quote.free).toBe('100');
  });

  it('rejects a sell of more base than is free', async () => {
    const broker = PaperBroker.start(options, '0', '0.05');
    const { orders } = await broker.submit(intent({ side: 'SELL' }), tick(20_000));
    expect(orders[0]?.status).toBe('REJECTED');
    expect((await broker.balances()).base.free).toBe('0.05');
  });

  it('rejects an order that breaks the symbol filters', async () => {
    const broker = PaperBroker.start(options, '10000');
    const offStep = await broker.submit(intent({ quantity: '0.000015' }), tick(20_000));
    const tooSmall = await broker.submit(intent({ clientOrderId: 'c2', quantity: '0.0002' }), tick(20_000));
    expect(offStep.orders[0]?.reason).toMatch(/QTY_NOT_ON_STEP/);
    expect(tooSmall.orders[0]?.reason).toMatch(/NOTIONAL_BELOW_MIN/);
  });
});

describe('PaperBroker limit orders', () => {
  it('locks the cost of a resting buy and fills it at the limit with the maker fee once the low reaches it', async () => {
    const broker = PaperBroker.start({ ...options, makerFeePct: 0.05 }, '10000');
    const placed = await broker.submit(intent({ type: 'LIMIT', price: '19000' }), tick(20_000));
    expect(placed.orders[0]?.status).toBe('NEW');
    expect((await broker.balances()).quote).toMatchObject({ free: '8100', locked: '1900' });
    expect((await broker.sync(tick(19_500, { low: 19_000.01 }))).fills).toHaveLength(0);
    const { orders, fills } = await broker.sync(tick(19_200, { low: 18_900 }));
    expect(orders[0]).toMatchObject({ status: 'FILLED', avgFillPrice: '19000' });
    expect(fills[0]).toMatchObject({ price: '19000', fee: '0.00005', liquidity: 'maker' });
    expect(await broker.balances()).toMatchObject({ base: { free: '0.09995' }, quote: { free: '8100', locked: '0' } });
    expect(await broker.openOrders('BTC/USDT')).toHaveLength(0);
  });

  it('fills a resting sell when the high reaches it', async () => {
    const broker = PaperBroker.start(options, '0', '0.1');
    await broker.submit(intent({ side: 'SELL', type: 'LIMIT', price: '21000' }), tick(20_000));
    expect((await broker.balances()).base).toMatchObject({ free: '0', locked: '0.1' });
    const { fills } = await broker.sync(tick(20_500, { high: 21_000 }));
    expect(fills[0]).toMatchObject({ price: '21000', quoteQuantity: '2100', fee: '2.1' });
    expect((await broker.balances()).quote.free).toBe('2097.9');
  });

  it('fills a limit buy that is already marketable at once, as a taker, never above its limit', async () => {
    const broker = PaperBroker.start(options, '10000');
    const { fills } = await broker.submit(intent({ type: 'LIMIT', price: '20010' }), tick(20_000));
    expect(fills[0]).toMatchObject({ price: '20010', liquidity: 'taker' });
  });

  it('cancels a resting order and unlocks its funds', async () => {
    const broker = PaperBroker.start(options, '10000');
    await broker.submit(intent({ type: 'LIMIT', price: '19000' }), tick(20_000));
    const { orders } = await broker.cancel('c1', 2_000);
    expect(orders[0]).toMatchObject({ status: 'CANCELED', updatedAt: 2_000 });
    expect((await broker.balances()).quote).toMatchObject({ free: '10000', locked: '0' });
    expect(() => broker.cancel('c1', 2_000)).toThrow(NotFoundError);
  });

  it('cancels every resting order on emergency stop', async () => {
    const broker = PaperBroker.start(options, '10000', '1');
    await broker.submit(intent({ type: 'LIMIT', price: '19000' }), tick(20_000));
    await broker.submit(intent({ clientOrderId: 'c2', side: 'SELL', type: 'LIMIT', price: '21000' }), tick(20_000));
    const report = await broker.cancelAll('BTC/USDT', 3_000);
    expect(report.canceled.map((o) => o.clientOrderId)).toEqual(['c1', 'c2']);
    expect(await broker.balances()).toMatchObject({ base: { free: '1', locked: '0' }, quote: { free: '10000', locked: '0' } });
  });

  it('does not place a resting order twice when the same client order id is submitted again', async () => {
    const broker = PaperBroker.start(options, '10000');
    await broker.submit(intent({ type: 'LIMIT', price: '19000' }), tick(20_000));
    await broker.submit(intent({ type: 'LIMIT', price: '19000' }), tick(20_000));
    expect(await broker.openOrders('BTC/USDT')).toHaveLength(1);
    expect((await broker.balances()).quote.locked).toBe('1900');
  });

  it('reports nothing on sync when no order rests', async () => {
    const broker = PaperBroker.start(options, '10000');
    const update = await broker.sync(tick(1));
    expect(update.orders).toHaveLength(0);
    expect(update.fills).toHaveLength(0);
  });
});

describe('PaperBroker snapshots', () => {
  it('continues exactly from its persisted state after a restart', async () => {
    const live = PaperBroker.start(options, '10000', '0.5');
    await live.submit(intent({ type: 'LIMIT', price: '19000' }), tick(20_000));
    await live.submit(intent({ clientOrderId: 'c2', side: 'SELL', quantity: '0.2' }), tick(20_000));
    const restarted = PaperBroker.restore(JSON.parse(JSON.stringify(live.state())), options);
    expect(restarted.state()).toEqual(live.state());
    const next = tick(18_000, { low: 17_000 });
    expect(await restarted.sync(next)).toEqual(await live.sync(next));
    expect(await restarted.balances()).toEqual(await live.balances());
  });

  it('refuses a malformed snapshot', () => {
    expect(() => PaperBroker.restore({ version: 1, symbol: 'BTC/USDT', base: { free: '-1', locked: '0' } }, options)).toThrow(
      ValidationError,
    );
  });

  it('marks equity from its balances without decimal arithmetic', async () => {
    const broker = PaperBroker.start(options, '1000', '0.5');
    expect(broker.equityAt(20_000)).toBe(11_000);
  });
});
