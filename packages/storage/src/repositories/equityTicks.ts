import type { Page, PageRequest } from '@warden/core/ports/pagination';
import type { EquityPoint, TimeRange } from '@warden/core/ports/store';
import { and, desc, eq, gt, gte, lt, lte, notExists, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../database.js';
import { equitySnapshots } from '../schema.js';
import { pageLimit, toPage } from './paging.js';

/**
 * The account's equity curve from `equity_snapshots`: one point per cycle tick, newest first. The
 * pairs of a tick run one after the other and each writes a row with the tick's time and the whole
 * account's equity at that moment; the row written last at a time (highest id) is the account after
 * every pair traded. A row is kept when no later row has the same time (an index lookup on
 * `equity_snapshots_time` per row), so a page costs `limit` × pairs lookups whatever the table's size,
 * and the id cursor never splits a tick (the kept row is the tick's last).
 */
export function equityTicks(db: Db, range: Pick<TimeRange, 'from' | 'to'>, page: PageRequest): Page<EquityPoint> {
  const t = equitySnapshots;
  const later = alias(equitySnapshots, 'later');
  const limit = pageLimit(page);
  const where: SQL[] = [
    notExists(
      db
        .select({ id: later.id })
        .from(later)
        .where(and(eq(later.time, t.time), gt(later.id, t.id))),
    ),
  ];
  if (range.from !== undefined) where.push(gte(t.time, range.from));
  if (range.to !== undefined) where.push(lte(t.time, range.to));
  if (page.cursor !== undefined) where.push(lt(t.id, page.cursor));
  const rows = db
    .select({ id: t.id, time: t.time, equity: t.equity })
    .from(t)
    .where(and(...where))
    .orderBy(desc(t.id))
    .limit(limit + 1)
    .all();
  return toPage(rows, limit, (r) => ({ time: r.time, equity: Number(r.equity) }));
}
