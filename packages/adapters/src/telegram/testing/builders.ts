import type { EquitySnapshot, Fill, Order } from '@warden/core/domain/orders';
import type { NewApproval } from '@warden/core/ports/store';
import { START } from './harness.js';

export function buildOrder(overrides: Partial<Order> = {}): Order {
  return {
    clientOrderId: 'wd-1',
    exchangeOrderId: null,
    symbol: 'BTC/USDT',
    side: 'BUY',
    type: 'LIMIT',
    status: 'NEW',
    quantity: '0.01000000',
    price: '42000.00',
    filledQuantity: '0',
    avgFillPrice: null,
    mode: 'paper',
    cycleId: 'c-1',
    reason: 'grid level 3',
    tag: null,
    createdAt: START,
    updatedAt: START,
    ...overrides,
  };
}

export function buildFill(overrides: Partial<Fill> = {}): Fill {
  return {
    tradeId: 't-1',
    clientOrderId: 'wd-1',
    symbol: 'BTC/USDT',
    side: 'BUY',
    price: '42000.00',
    quantity: '0.01000000',
    quoteQuantity: '420.00',
    fee: '0.42',
    feeAsset: 'USDT',
    liquidity: 'taker',
    time: START,
    ...overrides,
  };
}

export function buildEquity(overrides: Partial<EquitySnapshot> = {}): EquitySnapshot {
  return {
    time: START,
    cycleId: 'c-1',
    equity: '10000',
    quoteBalance: '10000',
    baseBalance: '0',
    price: '42000',
    unrealizedPnl: '0',
    realizedPnl: '0',
    ...overrides,
  };
}

export function buildNewApproval(overrides: Partial<NewApproval> = {}): NewApproval {
  return {
    createdAt: START,
    expiresAt: START + 3_600_000,
    change: { kind: 'params', strategy: 'smart_grid_ai', before: { grid_levels: 10 }, after: { grid_levels: 12 } },
    reason: 'win rate fell below 40% over the last 50 trades',
    source: 'rules',
    whatIf: {
      candles: 500,
      current: { returnPct: 1.2, maxDrawdownPct: 4.5, trades: 40 },
      proposed: { returnPct: 2.1, maxDrawdownPct: 3.9, trades: 46 },
    },
    ...overrides,
  };
}
