import type { EquitySnapshot } from '@warden/core/domain/orders';
import { tempDbPath } from '@warden/testkit/tempDir';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStore } from '../openStore.js';

let cleanup: () => void = () => {};
let store: SqliteStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
  cleanup();
});

function freshStore(): SqliteStore {
  store?.close();
  cleanup();
  const t = tempDbPath();
  cleanup = t.cleanup;
  store = openStore(t.path);
  return store;
}

const snapshot = (time: number, symbol: string | null, equity: number): EquitySnapshot => ({
  time,
  cycleId: `c-${time}`,
  symbol,
  equity: String(equity),
  quoteBalance: '0',
  baseBalance: '0',
  price: '1',
  unrealizedPnl: '0',
  realizedPnl: '0',
});

describe('equity rows of several pairs', () => {
  it("series(from, pair) keeps one pair's rows, and the legacy rows for the legacy pair only", () => {
    const s = freshStore();
    s.equity.insert(snapshot(1, null, 100));
    s.equity.insert(snapshot(2, 'BTC/USDT', 101));
    s.equity.insert(snapshot(2, 'ETH/USDT', 102));
    expect(s.equity.series(0).map((p) => p.equity)).toEqual([100, 101, 102]);
    expect(s.equity.series(0, { symbol: 'BTC/USDT', legacySymbol: 'BTC/USDT' }).map((p) => p.equity)).toEqual([100, 101]);
    expect(s.equity.series(0, { symbol: 'ETH/USDT', legacySymbol: 'BTC/USDT' }).map((p) => p.equity)).toEqual([102]);
    expect(s.equity.series(2, { symbol: 'BTC/USDT', legacySymbol: 'BTC/USDT' }).map((p) => p.equity)).toEqual([101]);
  });

  it('ticks() gives the row written last at each time, newest first', () => {
    const s = freshStore();
    s.equity.insert(snapshot(1, null, 100));
    s.equity.insert(snapshot(2, 'BTC/USDT', 101));
    s.equity.insert(snapshot(2, 'ETH/USDT', 102));
    s.equity.insert(snapshot(3, 'BTC/USDT', 99));
    s.equity.insert(snapshot(3, 'ETH/USDT', 98));
    expect(s.equity.ticks({}, { limit: 10 })).toEqual({
      items: [
        { time: 3, equity: 98 },
        { time: 2, equity: 102 },
        { time: 1, equity: 100 },
      ],
      nextCursor: null,
    });
    expect(s.equity.ticks({ from: 2, to: 2 }, { limit: 10 }).items).toEqual([{ time: 2, equity: 102 }]);
  });

  it('ticks() pages through every tick exactly once, whatever the number of pairs per tick and the page size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        (pairsPerTick, size) => {
          const s = freshStore();
          const expected: Array<{ time: number; equity: number }> = [];
          pairsPerTick.forEach((pairs, tick) => {
            for (let p = 0; p < pairs; p++) s.equity.insert(snapshot(tick * 1000, `P${p}/USDT`, tick * 10 + p));
            expected.unshift({ time: tick * 1000, equity: tick * 10 + pairs - 1 });
          });
          const seen: Array<{ time: number; equity: number }> = [];
          let cursor: number | undefined;
          for (;;) {
            const page = s.equity.ticks({}, cursor === undefined ? { limit: size } : { limit: size, cursor });
            seen.push(...page.items);
            if (page.nextCursor === null) break;
            cursor = page.nextCursor;
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('approvals of several pairs', () => {
  it('list({symbol}) keeps one pair’s proposals, and the ones without a pair for the legacy pair only', () => {
    const s = freshStore();
    const change = { kind: 'params' as const, strategy: 'grid', before: {}, after: { levels: 12 } };
    const base = { createdAt: 1, expiresAt: 2, change, reason: 'r', source: 'rules', whatIf: null };
    const legacy = s.approvals.insert(base);
    const btc = s.approvals.insert({ ...base, symbol: 'BTC/USDT' });
    const eth = s.approvals.insert({ ...base, symbol: 'ETH/USDT' });
    const ids = (filter: Parameters<SqliteStore['approvals']['list']>[0]) => s.approvals.list(filter, { limit: 10 }).items.map((a) => a.id);
    expect(ids({})).toEqual([eth.id, btc.id, legacy.id]);
    expect(ids({ symbol: 'BTC/USDT' })).toEqual([btc.id]);
    expect(ids({ symbol: 'BTC/USDT', legacySymbol: 'BTC/USDT' })).toEqual([btc.id, legacy.id]);
    expect(ids({ symbol: 'ETH/USDT', legacySymbol: 'BTC/USDT' })).toEqual([eth.id]);
    expect(eth.symbol).toBe('ETH/USDT');
    expect(legacy.symbol).toBeNull();
  });
});
