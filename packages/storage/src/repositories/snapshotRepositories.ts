import type { EquitySnapshot, MetricsSnapshot } from '@warden/core/domain/orders';
import type { EquityRepository, MetricsRepository, TimeRange } from '@warden/core/ports/store';
import { and, asc, desc, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../database.js';
import { equitySnapshots, metricsSnapshots } from '../schema.js';
import { pageLimit, toPage } from './paging.js';

function rangeWhere(time: SQLiteColumn, id: SQLiteColumn, range: TimeRange, cursor?: number): SQL | undefined {
  const where: SQL[] = [];
  if (range.from !== undefined) where.push(gte(time, range.from));
  if (range.to !== undefined) where.push(lte(time, range.to));
  if (cursor !== undefined) where.push(lt(id, cursor));
  return and(...where);
}

function withoutId<T extends { id: number }>(row: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = row;
  return rest;
}

export function equityRepository(db: Db): EquityRepository {
  const t = equitySnapshots;
  return {
    insert(snapshot) {
      db.insert(t)
        .values({ ...snapshot })
        .run();
    },
    latest() {
      const row = db.select().from(t).orderBy(desc(t.id)).limit(1).get();
      return row ? (withoutId(row) as EquitySnapshot) : null;
    },
    first() {
      const row = db.select().from(t).orderBy(asc(t.id)).limit(1).get();
      return row ? (withoutId(row) as EquitySnapshot) : null;
    },
    list(range, page) {
      const limit = pageLimit(page);
      const rows = db
        .select()
        .from(t)
        .where(rangeWhere(t.time, t.id, range, page.cursor))
        .orderBy(desc(t.id))
        .limit(limit + 1)
        .all();
      return toPage(rows, limit, (r) => withoutId(r) as EquitySnapshot);
    },
    series(from) {
      return db
        .select({ time: t.time, equity: t.equity })
        .from(t)
        .where(gte(t.time, from))
        .orderBy(asc(t.id))
        .all()
        .map((r) => ({ time: r.time, equity: Number(r.equity) }));
    },
  };
}

export function metricsRepository(db: Db): MetricsRepository {
  const t = metricsSnapshots;
  return {
    insert(snapshot) {
      db.insert(t)
        .values({ ...snapshot })
        .run();
    },
    latest() {
      const row = db.select().from(t).orderBy(desc(t.id)).limit(1).get();
      return row ? (withoutId(row) as MetricsSnapshot) : null;
    },
    list(range, page) {
      const limit = pageLimit(page);
      const rows = db
        .select()
        .from(t)
        .where(rangeWhere(t.time, t.id, range, page.cursor))
        .orderBy(desc(t.id))
        .limit(limit + 1)
        .all();
      return toPage(rows, limit, (r) => withoutId(r) as MetricsSnapshot);
    },
  };
}
