import type { Approval, ApprovalStatus } from '@warden/core/domain/approval';
import type { ApprovalRepository } from '@warden/core/ports/store';
import { and, asc, desc, eq, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { approvals } from '../schema.js';
import { pageLimit, toPage } from './paging.js';

type Row = typeof approvals.$inferSelect;

function toApproval(r: Row): Approval {
  return {
    id: r.id,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    status: r.status as ApprovalStatus,
    change: JSON.parse(r.change) as Approval['change'],
    reason: r.reason,
    source: r.source,
    whatIf: r.whatIf ? (JSON.parse(r.whatIf) as Approval['whatIf']) : null,
    walkForward: r.walkForward ? (JSON.parse(r.walkForward) as Approval['walkForward']) : null,
    symbol: r.symbol,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    comment: r.comment,
  };
}

export function approvalRepository(db: Db): ApprovalRepository {
  return {
    insert(a) {
      const row = db
        .insert(approvals)
        .values({
          createdAt: a.createdAt,
          expiresAt: a.expiresAt,
          status: 'PENDING',
          change: JSON.stringify(a.change),
          reason: a.reason,
          source: a.source,
          whatIf: a.whatIf ? JSON.stringify(a.whatIf) : null,
          walkForward: a.walkForward ? JSON.stringify(a.walkForward) : null,
          symbol: a.symbol ?? null,
        })
        .returning()
        .get();
      return toApproval(row);
    },
    get(id) {
      const row = db.select().from(approvals).where(eq(approvals.id, id)).get();
      return row ? toApproval(row) : null;
    },
    decide(id, decision) {
      // The status guard in the WHERE clause makes a second decision a no-op even under a race.
      const row = db
        .update(approvals)
        .set({ status: decision.status, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt, comment: decision.comment })
        .where(and(eq(approvals.id, id), eq(approvals.status, 'PENDING')))
        .returning()
        .get();
      return row ? toApproval(row) : null;
    },
    list(filter, page) {
      const limit = pageLimit(page);
      const where: SQL[] = [];
      if (filter.status) where.push(eq(approvals.status, filter.status));
      if (filter.symbol) {
        const mine = eq(approvals.symbol, filter.symbol);
        // Proposals made before several pairs belong to the one pair that database traded.
        where.push(filter.legacySymbol === filter.symbol ? (or(mine, isNull(approvals.symbol)) as SQL) : mine);
      }
      if (page.cursor !== undefined) where.push(lt(approvals.id, page.cursor));
      const rows = db
        .select()
        .from(approvals)
        .where(and(...where))
        .orderBy(desc(approvals.id))
        .limit(limit + 1)
        .all();
      return toPage(rows, limit, toApproval);
    },
    pendingExpiredAt(now) {
      return db
        .select()
        .from(approvals)
        .where(and(eq(approvals.status, 'PENDING'), lte(approvals.expiresAt, now)))
        .orderBy(asc(approvals.id))
        .all()
        .map(toApproval);
    },
  };
}
