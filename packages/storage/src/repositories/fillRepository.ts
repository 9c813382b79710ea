import type { Fill, Side } from '@warden/core/domain/orders';
import type { FillRepository } from '@warden/core/ports/store';
import { and, asc, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { fills } from '../schema.js';
import { pageLimit, toPage } from './paging.js';
import { preparedWrite } from './preparedWrite.js';

type Row = typeof fills.$inferSelect;

function toFill(r: Row): Fill {
  return {
    tradeId: r.tradeId,
    clientOrderId: r.clientOrderId,
    symbol: r.symbol,
    side: r.side as Side,
    price: r.price,
    quantity: r.quantity,
    quoteQuantity: r.quoteQuantity,
    fee: r.fee,
    feeAsset: r.feeAsset,
    liquidity: r.liquidity as Fill['liquidity'],
    time: r.time,
  };
}

export function fillRepository(db: Db): FillRepository {
  const insert = preparedWrite<Fill>(
    fills,
    (row) =>
      db
        .insert(fills)
        .values(row as typeof fills.$inferInsert)
        .onConflictDoNothing(),
    'insert',
  );
  return {
    insert(fill) {
      return insert(fill).changes > 0;
    },
    list(filter, page) {
      const limit = pageLimit(page);
      const where: SQL[] = [];
      if (filter.symbol) where.push(eq(fills.symbol, filter.symbol));
      if (filter.clientOrderId) where.push(eq(fills.clientOrderId, filter.clientOrderId));
      if (filter.from !== undefined) where.push(gte(fills.time, filter.from));
      if (filter.to !== undefined) where.push(lte(fills.time, filter.to));
      if (page.cursor !== undefined) where.push(lt(fills.id, page.cursor));
      const rows = db
        .select()
        .from(fills)
        .where(and(...where))
        .orderBy(desc(fills.id))
        .limit(limit + 1)
        .all();
      return toPage(rows, limit, toFill);
    },
    all(symbol) {
      return db.select().from(fills).where(eq(fills.symbol, symbol)).orderBy(asc(fills.id)).all().map(toFill);
    },
  };
}
