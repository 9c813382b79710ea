import type { Fill } from '../domain/orders.js';

/** A taker BUY of 1 BTC at 100 USDT without fee, overridable per test. */
export function buildFill(overrides: Partial<Fill> = {}): Fill {
  return {
    tradeId: 't',
    clientOrderId: 'c',
    symbol: 'BTC/USDT',
    side: 'BUY',
    price: '100',
    quantity: '1',
    quoteQuantity: '100',
    fee: '0',
    feeAsset: 'BTC',
    liquidity: 'taker',
    time: 1,
    ...overrides,
  };
}
