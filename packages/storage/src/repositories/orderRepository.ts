import { OPEN_ORDER_STATUSES, type Order, type OrderStatus, type OrderType, type Side, type TradingMode } from '@warden/core/domain/orders';
import type { OrderRepository } from '@warden/core/ports/store';
import { and, desc, eq, getTableColumns, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { orders } from '../schema.js';
import { pageLimit, toPage } from './paging.js';
import { preparedWrite } from './preparedWrite.js';

type Row = typeof orders.$inferSelect;

function toOrder(r: Row): Order {
  return {
    clientOrderId: r.clientOrderId,
    exchangeOrderId: r.exchangeOrderId,
    symbol: r.symbol,
    side: r.side as Side,
    type: r.type as OrderType,
    status: r.status as OrderStatus,
    quantity: r.quantity,
    price: r.price,
    filledQuantity: r.filledQuantity,
    avgFillPrice: r.avgFillPrice,
    mode: r.mode as TradingMode,
    cycleId: r.cycleId,
    reason: r.reason,
    tag: r.tag,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function orderRepository(db: Db): OrderRepository {
  const insert = preparedWrite<Order>(orders, (row) => db.insert(orders).values(row as typeof orders.$inferInsert), 'insert');
  // Every column an order update may change, and the client order id that picks the row.
  const updated = Object.keys(getTableColumns(orders)).filter((c) => c !== 'id' && c !== 'createdAt');
  const update = preparedWrite<Order>(
    orders,
    (row) => {
      const { clientOrderId, createdAt: _createdAt, id: _id, ...rest } = row;
      return db
        .update(orders)
        .set(rest)
        .where(eq(orders.clientOrderId, clientOrderId as string));
    },
    'update',
    updated,
  );
  const byClientId = db
    .select()
    .from(orders)
    .where(eq(orders.clientOrderId, sql.placeholder('clientOrderId')))
    .prepare();
  return {
    insert(order) {
      insert(order);
    },
    update(order) {
      update(order);
    },
    byClientId(clientOrderId) {
      const row = byClientId.get({ clientOrderId });
      return row ? toOrder(row) : null;
    },
    open(symbol) {
      return db
        .select()
        .from(orders)
        .where(and(eq(orders.symbol, symbol), inArray(orders.status, [...OPEN_ORDER_STATUSES])))
        .orderBy(orders.id)
        .all()
        .map(toOrder);
    },
    list(filter, page) {
      const limit = pageLimit(page);
      const where: SQL[] = [];
      if (filter.symbol) where.push(eq(orders.symbol, filter.symbol));
      if (filter.status) where.push(eq(orders.status, filter.status));
      if (filter.from !== undefined) where.push(gte(orders.createdAt, filter.from));
      if (filter.to !== undefined) where.push(lte(orders.createdAt, filter.to));
      if (page.cursor !== undefined) where.push(lt(orders.id, page.cursor));
      const rows = db
        .select()
        .from(orders)
        .where(and(...where))
        .orderBy(desc(orders.id))
        .limit(limit + 1)
        .all();
      return toPage(rows, limit, toOrder);
    },
  };
}
