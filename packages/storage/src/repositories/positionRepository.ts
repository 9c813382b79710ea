import type { Position } from '@warden/core/domain/orders';
import type { PositionRepository } from '@warden/core/ports/store';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { positions } from '../schema.js';
import { excluded, preparedWrite } from './preparedWrite.js';

export function positionRepository(db: Db): PositionRepository {
  const bySymbol = db
    .select()
    .from(positions)
    .where(eq(positions.symbol, sql.placeholder('symbol')))
    .prepare();
  const upsert = preparedWrite<Position>(
    positions,
    (row) =>
      db
        .insert(positions)
        .values(row as typeof positions.$inferInsert)
        .onConflictDoUpdate({
          target: positions.symbol,
          set: {
            quantity: excluded(positions.quantity),
            avgEntryPrice: excluded(positions.avgEntryPrice),
            realizedPnl: excluded(positions.realizedPnl),
            updatedAt: excluded(positions.updatedAt),
          },
        }),
    'insert',
  );
  return {
    get(symbol) {
      return bySymbol.get({ symbol }) ?? null;
    },
    upsert(position) {
      upsert(position);
    },
    list() {
      return db.select().from(positions).all();
    },
  };
}
