import { describe, expect, it } from 'vitest';
import type { Order } from '../domain/orders.js';
import { compareBaseBalance } from './balanceCheck.js';
import { matchOpenOrders } from './unknownOrderPolicy.js';
import { NOT_FOUND_GRACE_MS, resolveUnknownOrder } from './unknownOrderResolution.js';

const order = (over: Partial<Order> = {}): Order => ({
  clientOrderId: 'wd1',
  exchangeOrderId: null,
  symbol: 'BTC/USDT',
  side: 'BUY',
  type: 'MARKET',
  status: 'UNKNOWN',
  quantity: '0.001',
  price: null,
  filledQuantity: '0',
  avgFillPrice: null,
  mode: 'live',
  cycleId: null,
  reason: 'r',
  tag: null,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('unknown order resolution', () => {
  it('takes the exchange state when the order is found', () => {
    expect(resolveUnknownOrder(order(), { found: true, status: 'FILLED' }, 1, 5000).action).toBe('adopt_exchange_state');
  });
  it('waits while a missing order could still be in flight, and calls it never placed only after recvWindow + grace', () => {
    expect(resolveUnknownOrder(order(), { found: false }, 5000 + NOT_FOUND_GRACE_MS, 5000).action).toBe('wait');
    expect(resolveUnknownOrder(order(), { found: false }, 5001 + NOT_FOUND_GRACE_MS, 5000).action).toBe('mark_rejected');
  });
});

describe('open order matching', () => {
  it('separates exchange orders we do not know from ours the exchange no longer lists', () => {
    const m = matchOpenOrders(
      [order({ clientOrderId: 'a' }), order({ clientOrderId: 'b' })],
      [
        { clientOrderId: 'b', exchangeOrderId: '2', symbol: 'BTC/USDT' },
        { clientOrderId: 'web', exchangeOrderId: '3', symbol: 'BTC/USDT' },
      ],
    );
    expect(m.foreign.map((f) => f.clientOrderId)).toEqual(['web']);
    expect(m.vanished.map((o) => o.clientOrderId)).toEqual(['a']);
  });
});

describe('balance comparison', () => {
  it('tolerates differences within the percentage or below one lot step, not beyond', () => {
    expect(compareBaseBalance('1', '1.009', 1, '0.00001').ok).toBe(true);
    expect(compareBaseBalance('1', '1.02', 1, '0.00001').ok).toBe(false);
    expect(compareBaseBalance('0', '0.000001', 1, '0.00001').ok).toBe(true);
    expect(compareBaseBalance('0', '0.5', 1, '0.00001').ok).toBe(false);
  });
});
