import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { listIndexes, listTables } from './database.js';
import { openStore, type SqliteStore } from './openStore.js';

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

const order = (id: string, status = 'NEW' as const) => ({
  clientOrderId: id,
  exchangeOrderId: null,
  symbol: 'BTC/USDT',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  status,
  quantity: '0.001',
  price: '50000',
  filledQuantity: '0',
  avgFillPrice: null,
  mode: 'paper' as const,
  cycleId: 'c1',
  reason: 'test',
  tag: null,
  createdAt: 1,
  updatedAt: 1,
});

describe('migrations', () => {
  it('create the seed tables, users and their indexes in an empty file, in WAL mode', () => {
    const s = freshStore();
    expect(listTables(s.sqlite)).toEqual(
      [
        'approvals',
        'candle_gaps',
        'candles_cache',
        'config',
        'equity_snapshots',
        'events_log',
        'fills',
        'metrics_snapshots',
        'orders',
        'positions',
        'users',
      ].sort(),
    );
    expect(listIndexes(s.sqlite)).toEqual(
      expect.arrayContaining([
        'orders_client_order_id',
        'orders_status',
        'events_log_time',
        'events_log_type_time',
        'approvals_status_expires',
        'fills_trade_id',
        'equity_snapshots_time',
      ]),
    );
    expect(s.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('are idempotent: reopening an up-to-date file changes nothing and keeps data', () => {
    const s = freshStore();
    s.config.set('k', { a: 1 }, 'system', 5);
    const path = s.path;
    s.close();
    store = openStore(path);
    expect(store.config.get('k')).toEqual({ a: 1 });
  });
});

describe('repositories against a real SQLite file', () => {
  it('candles upsert by (symbol, timeframe, open time) without duplicates and read back in order', () => {
    const s = freshStore();
    const c = (t: number, close: number) => ({ openTime: t, open: 1, high: 2, low: 0.5, close, volume: 3 });
    s.candles.upsertMany('BTC/USDT', '5m', [c(300_000, 1), c(0, 1), c(600_000, 1)]);
    s.candles.upsertMany('BTC/USDT', '5m', [c(300_000, 9)]);
    expect(s.candles.range('BTC/USDT', '5m', 0, 600_000).map((x) => [x.openTime, x.close])).toEqual([
      [0, 1],
      [300_000, 9],
      [600_000, 1],
    ]);
    expect(s.candles.latest('BTC/USDT', '5m', 2).map((x) => x.openTime)).toEqual([300_000, 600_000]);
    expect(s.candles.bounds('BTC/USDT', '5m')).toEqual({ first: 0, last: 600_000, count: 3 });
  });

  it('orders are unique by client order id and list newest first with a cursor', () => {
    const s = freshStore();
    for (let i = 0; i < 5; i++) s.orders.insert(order(`o${i}`));
    expect(() => s.orders.insert(order('o1'))).toThrow();
    const p1 = s.orders.list({}, { limit: 2 });
    expect(p1.items.map((o) => o.clientOrderId)).toEqual(['o4', 'o3']);
    const p2 = s.orders.list({}, { limit: 2, cursor: p1.nextCursor ?? undefined });
    expect(p2.items.map((o) => o.clientOrderId)).toEqual(['o2', 'o1']);
    s.orders.update({ ...order('o2'), status: 'FILLED', filledQuantity: '0.001' });
    expect(s.orders.byClientId('o2')?.status).toBe('FILLED');
    expect(s.orders.open('BTC/USDT').map((o) => o.clientOrderId)).toEqual(['o0', 'o1', 'o3', 'o4']);
  });

  it('fills are idempotent by trade id', () => {
    const s = freshStore();
    const fill = {
      tradeId: 't1',
      clientOrderId: 'o1',
      symbol: 'BTC/USDT',
      side: 'BUY' as const,
      price: '1',
      quantity: '1',
      quoteQuantity: '1',
      fee: '0.001',
      feeAsset: 'BTC',
      liquidity: 'taker' as const,
      time: 1,
    };
    expect(s.fills.insert(fill)).toBe(true);
    expect(s.fills.insert(fill)).toBe(false);
    expect(s.fills.all('BTC/USDT')).toHaveLength(1);
  });

  it('an approval can be decided once only', () => {
    const s = freshStore();
    const a = s.approvals.insert({
      createdAt: 1,
      expiresAt: 10,
      change: { kind: 'params', strategy: 'grid', before: { grid_levels: 5 }, after: { grid_levels: 6 } },
      reason: 'r',
      source: 'rules',
      whatIf: null,
    });
    expect(a.status).toBe('PENDING');
    expect(s.approvals.pendingExpiredAt(10).map((x) => x.id)).toEqual([a.id]);
    expect(s.approvals.decide(a.id, { status: 'APPROVED', decidedBy: 'user:a', decidedAt: 2, comment: null })?.status).toBe('APPROVED');
    expect(s.approvals.decide(a.id, { status: 'REJECTED', decidedBy: 'user:b', decidedAt: 3, comment: null })).toBeNull();
  });

  it('an approval keeps its walk-forward score (migration 0001 adds the column)', () => {
    const s = freshStore();
    const side = { score: 1.25, returnPct: 2.5, maxDrawdownPct: 2, trades: 9 };
    const walkForward = {
      candles: 1500,
      inSampleCandles: 1050,
      outOfSampleCandles: 450,
      current: { inSample: side, outOfSample: side },
      proposed: { inSample: { ...side, score: 2 }, outOfSample: { ...side, score: -0.5 } },
      proposedBeatsCurrent: false,
    };
    const base = {
      createdAt: 1,
      expiresAt: 10,
      change: { kind: 'params', strategy: 'grid', before: { grid_levels: 5 }, after: { grid_levels: 6 } },
      reason: 'r',
      source: 'rules',
      whatIf: null,
    } as const;
    const a = s.approvals.insert({ ...base, walkForward });
    expect(s.approvals.get(a.id)?.walkForward).toEqual(walkForward);
    expect(s.approvals.get(s.approvals.insert(base).id)?.walkForward).toBeNull();
  });

  it('a unit of work is atomic: a throw rolls back every write in it', () => {
    const s = freshStore();
    expect(() =>
      s.transaction(() => {
        s.orders.insert(order('x'));
        s.audit.append({ time: 1, type: 'test', actor: 'system', reason: 'r' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.orders.byClientId('x')).toBeNull();
    expect(s.audit.list({}, { limit: 10 }).items).toHaveLength(0);
  });

  it('config entries list by key in code-unit order (BINARY collation), as the in-memory store lists them', () => {
    const s = freshStore();
    for (const key of ['b', 'Z', 'pair.a', 'pair_A', 'pair.B']) s.config.set(key, 1, 'test', 0);
    expect(s.config.all().map((e) => e.key)).toEqual(['Z', 'b', 'pair.B', 'pair.a', 'pair_A']);
  });

  it('users: unique names; role and password changes bump the token version', () => {
    const s = freshStore();
    s.users.create({ username: 'ann', passwordHash: 'h', role: 'viewer', now: 1 });
    expect(() => s.users.create({ username: 'ann', passwordHash: 'h', role: 'viewer', now: 1 })).toThrow();
    expect(s.users.setRole('ann', 'admin', 2)).toMatchObject({ role: 'admin', tokenVersion: 1 });
    expect(s.users.count()).toBe(1);
  });
});

describe('dataVersion', () => {
  it('changes with every write of this store and every commit of another connection, and not on reads', () => {
    const s = freshStore();
    const other = openStore(s.path); // another `warden` process on the same file
    try {
      const start = s.dataVersion();
      s.config.get('trading.state');
      s.candles.latest('BTC/USDT', '5m', 10);
      expect(s.dataVersion()).toBe(start);

      s.config.set('trading.state', 'PAUSED', 'user:a', 1);
      const afterOwnWrite = s.dataVersion();
      expect(afterOwnWrite).not.toBe(start);

      other.candles.upsertMany('BTC/USDT', '5m', [{ openTime: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 }]);
      expect(s.dataVersion()).not.toBe(afterOwnWrite);
    } finally {
      other.close();
    }
  });

  it('is null inside a transaction, whose writes may still be rolled back', () => {
    const s = freshStore();
    let inside: string | null = 'not read';
    s.transaction(() => {
      inside = s.dataVersion();
    });
    expect(inside).toBeNull();
    expect(s.dataVersion()).not.toBeNull();
  });
});
