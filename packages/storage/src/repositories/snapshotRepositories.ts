import type { EquitySnapshot, MetricsSnapshot } from '@warden/core/domain/orders';
import type { Page, PageRequest } from '@warden/core/ports/pagination';
import type { EquityRepository, MetricsRepository, TimeRange } from '@warden/core/ports/store';
import { and, asc, desc, eq, gte, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { equitySnapshots, metricsSnapshots } from '../schema.js';
import { equityTicks } from './equityTicks.js';
import { pageLimit, toPage } from './paging.js';
import { preparedWrite } from './preparedWrite.js';

type SnapshotTable = typeof equitySnapshots | typeof metricsSnapshots;

function withoutId<T extends { id: number }>(row: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = row;
  return rest;
}

/** Only `range.symbol`'s rows (none: every row); rows from before several pairs belong to the one pair that database traded. */
function ofPair(t: SnapshotTable, range: Pick<TimeRange, 'symbol' | 'legacySymbol'>): SQL | null {
  if (range.symbol === undefined) return null;
  const mine = eq(t.symbol, range.symbol);
  return range.legacySymbol === range.symbol ? (or(mine, isNull(t.symbol)) as SQL) : mine;
}

/** Newest / oldest row and time-filtered pages, shared by both snapshot tables. */
function snapshotQueries<S>(db: Db, t: SnapshotTable) {
  const edge = (order: 'newest' | 'oldest'): S | null => {
    const row = db
      .select()
      .from(t)
      .orderBy(order === 'newest' ? desc(t.id) : asc(t.id))
      .limit(1)
      .get();
    return row ? (withoutId(row) as S) : null;
  };
  const list = (range: TimeRange, page: PageRequest): Page<S> => {
    const limit = pageLimit(page);
    const where: SQL[] = [];
    if (range.from !== undefined) where.push(gte(t.time, range.from));
    if (range.to !== undefined) where.push(lte(t.time, range.to));
    const pair = ofPair(t, range);
    if (pair) where.push(pair);
    if (page.cursor !== undefined) where.push(lt(t.id, page.cursor));
    const rows = db
      .select()
      .from(t)
      .where(and(...where))
      .orderBy(desc(t.id))
      .limit(limit + 1)
      .all();
    return toPage(rows, limit, (r) => withoutId(r) as S);
  };
  return { edge, list };
}

export function equityRepository(db: Db): EquityRepository {
  const t = equitySnapshots;
  const q = snapshotQueries<EquitySnapshot>(db, t);
  const insert = preparedWrite<EquitySnapshot>(t, (row) => db.insert(t).values(row as typeof t.$inferInsert), 'insert');
  return {
    insert(snapshot) {
      insert(snapshot);
    },
    latest: () => q.edge('newest'),
    first: () => q.edge('oldest'),
    list: q.list,
    series(from, pair) {
      const mine = pair ? ofPair(t, pair) : null;
      return db
        .select({ time: t.time, equity: t.equity })
        .from(t)
        .where(mine ? and(gte(t.time, from), mine) : gte(t.time, from))
        .orderBy(asc(t.id))
        .all()
        .map((r) => ({ time: r.time, equity: Number(r.equity) }));
    },
    ticks: (range, page) => equityTicks(db, range, page),
  };
}

export function metricsRepository(db: Db): MetricsRepository {
  const t = metricsSnapshots;
  const q = snapshotQueries<MetricsSnapshot>(db, t);
  const insert = preparedWrite<MetricsSnapshot>(t, (row) => db.insert(t).values(row as typeof t.$inferInsert), 'insert');
  return {
    insert(snapshot) {
      insert(snapshot);
    },
    latest: () => q.edge('newest'),
    list: q.list,
  };
}
