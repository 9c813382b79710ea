import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../domain/orders.js';
import { PaperBroker } from './paperBroker.js';
import { buildSymbolFilters } from './symbolFilters.fixture.js';

function intent(overrides: Partial<OrderIntent>): OrderIntent {
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

const tick = { now: 1_000, price: 20_000, high: 20_000, low: 20_000, volume: 0 };

async function statusOf(flags: { applyMinToMarket?: boolean; applyMaxToMarket?: boolean }, order: Partial<OrderIntent>) {
  const filters = buildSymbolFilters({ minNotional: '5', maxNotional: '1500', ...flags });
  const broker = PaperBroker.start({ filters, slippageBps: 0, makerFeePct: 0.1, takerFeePct: 0.1, maxFillSharePct: 10 }, '100000');
  const { orders } = await broker.submit(intent(order), tick);
  return orders[0]?.status;
}

describe('the paper broker applies NOTIONAL bounds to MARKET orders only where Binance does', () => {
  it('a 2 000 USDT market buy over a 1 500 maximum fills when applyMaxToMarket=false, and is rejected when true', async () => {
    expect(await statusOf({ applyMaxToMarket: false }, { quantity: '0.1' })).toBe('FILLED');
    expect(await statusOf({ applyMaxToMarket: true }, { quantity: '0.1' })).toBe('REJECTED');
  });

  it('a 2 USDT market buy under a 5 minimum fills when applyMinToMarket=false, and is rejected when true', async () => {
    expect(await statusOf({ applyMinToMarket: false }, { quantity: '0.0001' })).toBe('FILLED');
    expect(await statusOf({ applyMinToMarket: true }, { quantity: '0.0001' })).toBe('REJECTED');
  });

  it('limit orders are held to both bounds whatever the flags', async () => {
    const flags = { applyMinToMarket: false, applyMaxToMarket: false };
    expect(await statusOf(flags, { type: 'LIMIT', price: '19000', quantity: '0.1' })).toBe('REJECTED');
    expect(await statusOf(flags, { type: 'LIMIT', price: '19000', quantity: '0.0001' })).toBe('REJECTED');
    expect(await statusOf(flags, { type: 'LIMIT', price: '19000', quantity: '0.01' })).toBe('NEW');
  });
});
