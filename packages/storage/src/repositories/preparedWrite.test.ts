import { tempDbPath } from '@warden/testkit/tempDir';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStore } from '../openStore.js';
import { Database } from '../sqliteDriver.js';
import { excluded, preparedWrite } from './preparedWrite.js';

let cleanup: () => void = () => {};
let store: SqliteStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
  cleanup();
});

function freshStore(): SqliteStore {
  const t = tempDbPath();
  cleanup = t.cleanup;
  store = openStore(t.path);
  return store;
}

const order = {
  clientOrderId: 'o1',
  exchangeOrderId: null,
  symbol: 'BTC/USDT',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  status: 'NEW' as const,
  quantity: '0.001',
  price: '50000',
  filledQuantity: '0',
  avgFillPrice: null,
  mode: 'paper' as const,
  cycleId: 'c1',
  reason: 'test',
  tag: 'grid:1',
  createdAt: 1,
  updatedAt: 1,
};

describe('the prepared writes of a cycle read back what was written', () => {
  it('equity and metrics snapshots, with and without a symbol (an omitted one is null)', () => {
    const s = freshStore();
    const equity = {
      time: 1,
      cycleId: 'c1',
      equity: '100',
      quoteBalance: '50',
      baseBalance: '0.1',
      price: '500',
      unrealizedPnl: '-1',
      realizedPnl: '2',
    };
    s.equity.insert(equity);
    s.equity.insert({ ...equity, time: 2, cycleId: null, symbol: 'ETH/USDT' });
    expect(s.equity.first()).toEqual({ ...equity, symbol: null });
    expect(s.equity.latest()).toEqual({ ...equity, time: 2, cycleId: null, symbol: 'ETH/USDT' });
    const metrics = {
      time: 1,
      cycleId: 'c1',
      symbol: 'BTC/USDT',
      totalReturnPct: 1.5,
      maxDrawdownPct: 0.25,
      winRate: 0.5,
      profitFactor: null,
      sharpe: -0.1,
      feesPaid: 0.01,
      tradeCount: 3,
      exposurePct: 10,
    };
    s.metrics.insert(metrics);
    expect(s.metrics.latest()).toEqual(metrics);
  });

  it('config: a second set replaces the value, the time and who set it', () => {
    const s = freshStore();
    s.config.set('k', { a: 1 }, 'system', 1);
    s.config.set('k', [2], 'user:ann', 2);
    expect(s.config.entry('k')).toEqual({ key: 'k', value: [2], updatedAt: 2, updatedBy: 'user:ann' });
    expect(s.config.all()).toHaveLength(1);
  });

  it('positions: an upsert replaces every field of the pair', () => {
    const s = freshStore();
    s.positions.upsert({ symbol: 'BTC/USDT', quantity: '1', avgEntryPrice: '10', realizedPnl: '0', updatedAt: 1 });
    s.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.5', avgEntryPrice: '11', realizedPnl: '3', updatedAt: 2 });
    expect(s.positions.list()).toEqual([{ symbol: 'BTC/USDT', quantity: '0.5', avgEntryPrice: '11', realizedPnl: '3', updatedAt: 2 }]);
    expect(s.positions.get('ETH/USDT')).toBeNull();
  });

  it('orders: an update changes every field but the creation time; fills are written once per trade id', () => {
    const s = freshStore();
    s.orders.insert(order);
    expect(s.orders.byClientId('o1')).toEqual(order);
    const filled = {
      ...order,
      status: 'FILLED' as const,
      filledQuantity: '0.001',
      avgFillPrice: '49999',
      exchangeOrderId: 'x9',
      tag: null,
      createdAt: 99,
      updatedAt: 5,
    };
    s.orders.update(filled);
    expect(s.orders.byClientId('o1')).toEqual({ ...filled, createdAt: 1 });
    const fill = {
      tradeId: 't1',
      clientOrderId: 'o1',
      symbol: 'BTC/USDT',
      side: 'BUY' as const,
      price: '49999',
      quantity: '0.001',
      quoteQuantity: '49.999',
      fee: '0.000001',
      feeAsset: 'BTC',
      liquidity: 'maker' as const,
      time: 5,
    };
    expect(s.fills.insert(fill)).toBe(true);
    expect(s.fills.insert({ ...fill, price: '1' })).toBe(false);
    expect(s.fills.all('BTC/USDT')).toEqual([fill]);
  });

  it('an order update that leaves a field undefined leaves that column as it was (as drizzle does)', () => {
    const s = freshStore();
    s.orders.insert(order);
    s.orders.update({ ...order, status: 'CANCELED', tag: undefined } as unknown as typeof order);
    expect(s.orders.byClientId('o1')).toMatchObject({ status: 'CANCELED', tag: 'grid:1' });
  });
});

describe('preparedWrite', () => {
  // A table with a default, as a later migration might add.
  const notes = sqliteTable('notes', {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull().unique(),
    body: text('body').notNull().default('(empty)'),
    author: text('author'),
  });

  function notesDb() {
    const t = tempDbPath();
    cleanup = t.cleanup;
    const sqlite = new Database(t.path);
    sqlite.exec(
      "create table notes (id integer primary key autoincrement, key text not null unique, body text not null default '(empty)', author text)",
    );
    return { sqlite, db: drizzle(sqlite) };
  }

  it("gives a column left undefined drizzle's meaning: its default when it has one, else null", () => {
    const { sqlite, db } = notesDb();
    try {
      const insert = preparedWrite<{ key: string; body?: string; author?: string }>(
        notes,
        (row) => db.insert(notes).values(row as typeof notes.$inferInsert),
        'insert',
      );
      insert({ key: 'a', body: 'text', author: 'ann' });
      insert({ key: 'b' });
      expect(db.select().from(notes).all()).toEqual([
        { id: 1, key: 'a', body: 'text', author: 'ann' },
        { id: 2, key: 'b', body: '(empty)', author: null },
      ]);
    } finally {
      sqlite.close();
    }
  });

  it('runs an upsert through excluded(): the row becomes what the insert proposed', () => {
    const { sqlite, db } = notesDb();
    try {
      const upsert = preparedWrite<{ key: string; body: string; author: string | null }>(
        notes,
        (row) =>
          db
            .insert(notes)
            .values(row as typeof notes.$inferInsert)
            .onConflictDoUpdate({ target: notes.key, set: { body: excluded(notes.body), author: excluded(notes.author) } }),
        'insert',
      );
      upsert({ key: 'a', body: 'one', author: 'ann' });
      upsert({ key: 'a', body: 'two', author: null });
      expect(db.select().from(notes).where(eq(notes.key, 'a')).all()).toEqual([{ id: 1, key: 'a', body: 'two', author: null }]);
    } finally {
      sqlite.close();
    }
  });

  it('refuses a column the table does not have when it is prepared', () => {
    const { sqlite, db } = notesDb();
    try {
      expect(() =>
        preparedWrite(notes, (row) => db.insert(notes).values(row as typeof notes.$inferInsert), 'insert', ['key', 'title']),
      ).toThrow(/title is not a column/);
    } finally {
      sqlite.close();
    }
  });
});
