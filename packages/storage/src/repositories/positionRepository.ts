import type { PositionRepository } from '@warden/core/ports/store';
import { eq } from 'drizzle-orm';
import type { Db } from '../database.js';
import { positions } from '../schema.js';

export function positionRepository(db: Db): PositionRepository {
  return {
    get(symbol) {
      return db.select().from(positions).where(eq(positions.symbol, symbol)).get() ?? null;
    },
    upsert(position) {
      db.insert(positions)
        .values({ ...position })
        .onConflictDoUpdate({
          target: positions.symbol,
          set: {
            quantity: position.quantity,
            avgEntryPrice: position.avgEntryPrice,
            realizedPnl: position.realizedPnl,
            updatedAt: position.updatedAt,
          },
        })
        .run();
    },
    list() {
      return db.select().from(positions).all();
    },
  };
}
