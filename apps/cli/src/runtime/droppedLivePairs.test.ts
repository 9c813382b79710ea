import { AccountBalanceBook } from '@warden/adapters/binance/live/accountBalanceBook';
import type { SymbolFilters } from '@warden/core/domain/market';
import type { Order } from '@warden/core/domain/orders';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { droppedLivePairProblems } from './droppedLivePairs.js';

let store: SqliteStore | null = null;
let cleanup: () => void = () => {};
afterEach(() => {
  store?.close();
  cleanup();
  store = null;
});

const SOL: SymbolFilters = {
  symbol: 'SOL/USDT',
  base: 'SOL',
  quote: 'USDT',
  tickSize: '0.01',
  minPrice: '0.01',
  maxPrice: '10000',
  stepSize: '0.001',
  minQty: '0.001',
  maxQty: '9000',
  minNotional: '5',
  maxNotional: null,
};

function restingSolBuy(): Order {
  return {
    clientOrderId: 'wdSOLUSDT4hn0',
    exchangeOrderId: '7',
    symbol: 'SOL/USDT',
    side: 'BUY',
    type: 'LIMIT',
    status: 'NEW',
    quantity: '1.000',
    price: '80.00',
    filledQuantity: '0',
    avgFillPrice: null,
    mode: 'live',
    cycleId: null,
    reason: 'test',
    tag: null,
    createdAt: 1,
    updatedAt: 1,
  };
}

/** A live database that traded SOL/USDT, an account holding `sol`, SOL at 100 USDT (or unpriced). */
function checks(sol: string, price: number | null) {
  const db = tempDbPath();
  cleanup = db.cleanup;
  store = openStore(db.path);
  store.positions.upsert({ symbol: 'SOL/USDT', quantity: sol, avgEntryPrice: '90', realizedPnl: '0', updatedAt: 1 });
  const account = new AccountBalanceBook();
  account.update(
    [
      { asset: 'USDT', free: '1000', locked: '0' },
      { asset: 'SOL', free: sol, locked: '0' },
    ],
    1,
  );
  return {
    store,
    traded: ['BTC/USDT', 'ETH/USDT'],
    account,
    filters: async () => SOL,
    price: async () => {
      if (price === null) throw new Error('no ticker');
      return price;
    },
  };
}

describe('pairs dropped from TRADING_SYMBOLS in live mode', () => {
  it('name the pair and what the account still holds of it', async () => {
    const c = checks('2.5', 100);
    expect(await droppedLivePairProblems(c)).toEqual([
      expect.stringMatching(/^TRADING_SYMBOLS: SOL\/USDT is no longer traded but the account holds 2\.5 SOL \(about 250\.00 USDT\)/),
    ]);
  });

  it('count resting orders in the journal even when the account holds none of the base', async () => {
    const c = checks('0', 100);
    c.store.orders.insert(restingSolBuy());
    expect(await droppedLivePairProblems(c)).toEqual([
      expect.stringContaining('SOL/USDT is no longer traded but 1 open order(s) in the journal'),
    ]);
  });

  it('ignore dust the exchange would not let you sell (below minQty or the minimum notional), and pairs still traded', async () => {
    expect(await droppedLivePairProblems(checks('0.0009', 100))).toEqual([]);
    expect(await droppedLivePairProblems(checks('0.04', 100))).toEqual([]);
    expect(await droppedLivePairProblems({ ...checks('2.5', 100), traded: ['BTC/USDT', 'SOL/USDT'] })).toEqual([]);
  });

  it('count a holding it cannot price when it is at least one lot', async () => {
    expect(await droppedLivePairProblems(checks('2.5', null))).toEqual([expect.stringContaining('the account holds 2.5 SOL;')]);
  });
});
