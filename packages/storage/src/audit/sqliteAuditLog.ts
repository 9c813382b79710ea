import { createHash } from 'node:crypto';
import type { AuditEvent, AuditEventInput, AuditLog, AuditVerification } from '@warden/core/ports/auditLog';
import type Database from 'better-sqlite3';
import { pageLimit } from '../repositories/paging.js';
import { canonicalJson } from './canonicalJson.js';
import { redactSecrets } from './redactSecrets.js';

export const GENESIS_HASH = '0'.repeat(64);

interface Row {
  id: number;
  time: number;
  type: string;
  actor: string;
  reason: string;
  inputs_json: string;
  outcome: string;
  correlation_id: string | null;
  prev_hash: string;
  hash: string;
}

/** The hash covers every column but the id, chained to the previous row's hash. */
export function eventHash(
  prevHash: string,
  e: { time: number; type: string; actor: string; reason: string; inputsJson: string; outcome: string; correlationId: string | null },
): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        prevHash,
        time: e.time,
        type: e.type,
        actor: e.actor,
        reason: e.reason,
        inputs: e.inputsJson,
        outcome: e.outcome,
        correlationId: e.correlationId,
      }),
    )
    .digest('hex');
}

function toEvent(r: Row): AuditEvent {
  return {
    id: r.id,
    time: r.time,
    type: r.type,
    actor: r.actor,
    reason: r.reason,
    inputs: JSON.parse(r.inputs_json) as unknown,
    outcome: r.outcome,
    correlationId: r.correlation_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * Append-only, hash-chained `events_log`. Editing a row breaks its hash; deleting one breaks the
 * next row's link; deleting the newest rows leaves AUTOINCREMENT's high-water mark above the last
 * id, which `verify` reports too.
 */
export function sqliteAuditLog(sqlite: Database.Database): AuditLog {
  const lastHash = sqlite.prepare('select hash from events_log order by id desc limit 1');
  const insert = sqlite.prepare(
    'insert into events_log (time, type, actor, reason, inputs_json, outcome, correlation_id, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const appendTx = sqlite.transaction((e: AuditEventInput): AuditEvent => {
    const prevHash = (lastHash.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
    const inputsJson = canonicalJson(redactSecrets(e.inputs ?? {}));
    const row = {
      time: e.time,
      type: e.type,
      actor: e.actor,
      reason: e.reason,
      inputsJson,
      outcome: e.outcome ?? 'ok',
      correlationId: e.correlationId ?? null,
    };
    const hash = eventHash(prevHash, row);
    const info = insert.run(row.time, row.type, row.actor, row.reason, row.inputsJson, row.outcome, row.correlationId, prevHash, hash);
    return {
      id: Number(info.lastInsertRowid),
      time: row.time,
      type: row.type,
      actor: row.actor,
      reason: row.reason,
      inputs: JSON.parse(inputsJson) as unknown,
      outcome: row.outcome,
      correlationId: row.correlationId,
      prevHash,
      hash,
    };
  });

  return {
    append: (event) => appendTx(event),
    list(filter, page) {
      const limit = pageLimit(page);
      const where: string[] = [];
      const args: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        where.push(clause);
        args.push(value);
      };
      if (filter.type) add('type = ?', filter.type);
      if (filter.typePrefix) add('type like ?', `${filter.typePrefix.replace(/[%_]/g, '')}%`);
      if (filter.actor) add('actor = ?', filter.actor);
      if (filter.correlationId) add('correlation_id = ?', filter.correlationId);
      if (filter.from !== undefined) add('time >= ?', filter.from);
      if (filter.to !== undefined) add('time <= ?', filter.to);
      if (page.cursor !== undefined) add('id < ?', page.cursor);
      const sql = `select * from events_log ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit ?`;
      const rows = sqlite.prepare(sql).all(...args, limit + 1) as Row[];
      const hasMore = rows.length > limit;
      const kept = hasMore ? rows.slice(0, limit) : rows;
      return { items: kept.map(toEvent), nextCursor: hasMore ? (kept[kept.length - 1]?.id ?? null) : null };
    },
    verify(): AuditVerification {
      let prev = GENESIS_HASH;
      let count = 0;
      let lastId = 0;
      for (const r of sqlite.prepare('select * from events_log order by id').iterate() as IterableIterator<Row>) {
        if (r.prev_hash !== prev)
          return {
            ok: false,
            count,
            brokenAtId: r.id,
            problem: `row ${r.id} does not link to the previous row (a row before it was deleted or edited)`,
          };
        const expected = eventHash(prev, {
          time: r.time,
          type: r.type,
          actor: r.actor,
          reason: r.reason,
          inputsJson: r.inputs_json,
          outcome: r.outcome,
          correlationId: r.correlation_id,
        });
        if (expected !== r.hash)
          return { ok: false, count, brokenAtId: r.id, problem: `row ${r.id} was modified (its content no longer matches its hash)` };
        prev = r.hash;
        lastId = r.id;
        count++;
      }
      const seq =
        (sqlite.prepare("select seq from sqlite_sequence where name = 'events_log'").get() as { seq: number } | undefined)?.seq ?? 0;
      if (seq > lastId) return { ok: false, count, brokenAtId: lastId + 1, problem: `rows after ${lastId} (up to ${seq}) were deleted` };
      return { ok: true, count };
    },
  };
}
