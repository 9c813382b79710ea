import { parseConfig } from '@warden/core/config/parseConfig';
import type { Order } from '@warden/core/domain/orders';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createPairRuntimes, legacySymbol } from './pairRuntimes.js';

let store: SqliteStore | null = null;
let cleanup = () => {};
afterEach(() => {
  store?.close();
  cleanup();
  store = null;
});

const order = (symbol: string, id: string, createdAt: number): Order => ({
  clientOrderId: id,
  exchangeOrderId: null,
  symbol,
  side: 'BUY',
  type: 'LIMIT',
  status: 'NEW',
  quantity: '1',
  price: '100',
  filledQuantity: '0',
  avgFillPrice: null,
  mode: 'paper',
  cycleId: 'c',
  reason: 'test',
  tag: null,
  createdAt,
  updatedAt: createdAt,
});

describe('legacySymbol', () => {
  it('stays the pair the single-pair database traded once its keys were moved, whatever the pairs trade afterwards', () => {
    const db = tempDbPath('warden-legacy-');
    cleanup = db.cleanup;
    store = openStore(db.path);
    // A database of the single-pair version that traded SOL/USDT (its paper account names it).
    store.config.set('paper.account', { version: 1, symbol: 'SOL/USDT' }, 'system', 1);
    store.config.set('strategy.params.grid', { levels: 10 }, 'system', 1);
    const config = parseConfig({ DATABASE_PATH: db.path, TRADING_SYMBOLS: 'BTC/USDT,SOL/USDT' });
    createPairRuntimes(config, store, 2, pino({ level: 'silent' }));
    expect(legacySymbol(store, config)).toBe('SOL/USDT');
    expect(store.config.get('pair.SOL/USDT.strategy.params.grid')).toEqual({ levels: 10 });

    // Trading several pairs rewrites the paper account (version 2) and adds newer orders of other pairs.
    store.config.set('paper.account', { version: 2, pairs: [] }, 'system', 3);
    store.orders.insert(order('BTC/USDT', 'wd-9', 4));
    expect(legacySymbol(store, config)).toBe('SOL/USDT');
  });
});
