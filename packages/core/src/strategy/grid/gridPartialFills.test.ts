import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../app/configKeys.js';
import { InMemoryStore } from '../../backtest/inMemoryStore.js';
import type { Candle } from '../../domain/market.js';
import { type PaperCycleHarness, paperCycleHarness } from '../../testing/cycleHarness.js';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** One 1h candle: open 100, its low, close and the BTC traded. */
function bar(i: number, close: number, low: number, volume: number): Candle {
  return { openTime: T0 + i * H, open: 100, high: Math.max(100, close), low, close, volume };
}

// A 1 % grid centred at 100: level −1 at 99, level 0 at 100. Capacity: 10 % of each candle's volume.
const CANDLES: Candle[] = [
  bar(0, 100, 100, 10), // the grid starts, centred at 100
  bar(1, 100, 100, 10), // a level −1 BUY of 10 BTC is put to rest at 99 after this cycle
  bar(2, 99.5, 98.5, 20), // crosses 99: 2 BTC of it fill (10 % of 20), 8 rest
  bar(3, 98.9, 98.8, 10), // at the level again: 1 BTC more fills; the grid must not buy level −1 a second time
  bar(4, 99.2, 99.2, 0), // emergency stop: the 7 BTC remainder is cancelled
  bar(5, 100.2, 99.5, 10), // back to level 0: the grid sells what the level really bought
];

const ENV = {
  TRADING_TIMEFRAMES: '1h',
  TRADING_ACTIVE_STRATEGY: 'grid',
  TRADING_PAPER_MAX_FILL_SHARE_PCT: '10',
  TRADING_PAPER_SLIPPAGE_BPS: '0',
  RISK_MAX_ORDER_NOTIONAL: '100000',
  RISK_ORDER_SIZE_PCT: '100',
  RISK_MAX_POSITION_PCT: '100',
  RISK_MAX_DATA_AGE_SECONDS: '0',
};

function harness(store: InMemoryStore): PaperCycleHarness {
  return paperCycleHarness(store, { '1h': CANDLES }, ENV);
}

const lastLevel = (store: InMemoryStore) =>
  (store.config.get<{ lastLevel: number }>(CONFIG_KEYS.strategyState('grid')) ?? { lastLevel: NaN }).lastLevel;

describe('grid level bookkeeping when a level’s order fills in part and its rest is cancelled', () => {
  it('counts the level as traded from its first piece, never re-buys it, keeps it after the cancel and sells only what it bought', async () => {
    const store = new InMemoryStore();
    store.config.set(
      CONFIG_KEYS.strategyParams('grid'),
      { spacing_pct: 1, grid_levels: 3, capital_pct: 60, cooldown_seconds: 0 },
      'test',
      0,
    );
    let h = harness(store);
    await h.step(0);
    await h.step(1);
    // A resting order on level −1, as a grid that rests its level orders would place it.
    const placed = h.broker.submit(
      {
        clientOrderId: 'level-1',
        symbol: 'BTC/USDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '10',
        price: '99',
        cycleId: null,
        reason: 'grid level −1',
        tag: 'grid:L-1',
      },
      { now: T0 + 2 * H, price: 100, high: 100, low: 100, volume: 0 },
    );
    store.orders.insert(placed.orders[0] as NonNullable<(typeof placed.orders)[0]>);

    await h.step(2);
    expect(store.orders.byClientId('level-1')).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: '2' });
    expect(lastLevel(store)).toBe(-1);

    // A restart between the pieces: the paper account and the grid continue from their checkpoints.
    h = harness(store);
    const ordersBefore = store.orders.list({}, { limit: 50 }).items.length;
    await h.step(3);
    expect(store.fills.list({ clientOrderId: 'level-1' }, { limit: 10 }).items.map((f) => [f.tradeId, f.quantity])).toEqual([
      ['level-1-T2', '1'],
      ['level-1-T1', '2'],
    ]);
    expect(store.orders.list({}, { limit: 50 }).items).toHaveLength(ordersBefore); // no second BUY of level −1
    expect(store.positions.get('BTC/USDT')?.quantity).toBe('2.997'); // 3 BTC less the 0.1 % maker fee

    h.state = 'EMERGENCY_STOP';
    await h.step(4);
    expect(store.orders.byClientId('level-1')).toMatchObject({ status: 'CANCELED', filledQuantity: '3' });
    expect(h.broker.balances().quote).toEqual({ asset: 'USDT', free: '9703', locked: '0' }); // only the 3 × 99 spent
    expect(lastLevel(store)).toBe(-1);

    h.state = 'RUNNING';
    await h.step(5);
    const sell = store.orders.list({}, { limit: 50 }).items.find((o) => o.side === 'SELL');
    expect(sell).toMatchObject({ status: 'FILLED', quantity: '2.997', tag: 'grid:L0' });
    expect(lastLevel(store)).toBe(0);
    expect(store.positions.get('BTC/USDT')?.quantity).toBe('0');
  });
});
