import { createHash } from 'node:crypto';
import {
  AUDIT_BREAKS_LISTED,
  type AuditBreak,
  type AuditEvent,
  type AuditEventInput,
  type AuditLog,
  type AuditVerification,
} from '@warden/core/ports/auditLog';
import { createRedactor } from '@warden/core/security/redaction';
import { wellFormed } from '@warden/core/security/wellFormed';
import type Database from 'better-sqlite3';
import { pageLimit } from '../repositories/paging.js';
import { auditInputsJson } from './auditInputs.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditLogOptions {
  /** Known secret values (keys, tokens, the secret parts of URL settings): never stored, replaced by "[redacted]". */
  readonly secrets?: readonly string[];
}

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
  // canonicalJson of these fields, written with the keys already in its (sorted) order: every value
  // is a string, a number or null, so this is the same text without sorting a copy for each row.
  return createHash('sha256')
    .update(
      JSON.stringify({
        actor: e.actor,
        correlationId: e.correlationId,
        inputs: e.inputsJson,
        outcome: e.outcome,
        prevHash,
        reason: e.reason,
        time: e.time,
        type: e.type,
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

/** What one row's hash covers, exactly as stored. */
function storedContent(r: Row) {
  return {
    time: r.time,
    type: r.type,
    actor: r.actor,
    reason: r.reason,
    inputsJson: r.inputs_json,
    outcome: r.outcome,
    correlationId: r.correlation_id,
  };
}

/**
 * Append-only, hash-chained `events_log`. Editing a row breaks its hash; deleting one breaks the
 * next row's link and leaves a gap in the ids; deleting the newest rows leaves AUTOINCREMENT's
 * high-water mark above the last id, which `verify` reports too.
 *
 * Every string is made well-formed (lone UTF-16 surrogates → U+FFFD) and secret-looking values
 * are redacted *before* the hash is computed, so what is hashed is byte for byte what SQLite
 * stores and reads back: a user name or a reason from an untrusted client cannot make a row
 * unverifiable.
 */
export function sqliteAuditLog(sqlite: Database.Database, options: AuditLogOptions = {}): AuditLog {
  // The known secrets' spellings are worked out once, not for every string of every event.
  const text = { wellFormed, redact: createRedactor(options.secrets) };
  const clean = (s: string) => text.redact(wellFormed(s));
  const inputsJsonOf = auditInputsJson(text);
  const lastHash = sqlite.prepare('select hash from events_log order by id desc limit 1');
  const insert = sqlite.prepare(
    'insert into events_log (time, type, actor, reason, inputs_json, outcome, correlation_id, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const appendTx = sqlite.transaction((e: AuditEventInput): AuditEvent => {
    const prevHash = (lastHash.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
    const inputsJson = inputsJsonOf(e.inputs ?? {});
    const row = {
      time: e.time,
      type: clean(e.type),
      actor: clean(e.actor),
      reason: clean(e.reason),
      inputsJson,
      outcome: clean(e.outcome ?? 'ok'),
      correlationId: e.correlationId == null ? null : clean(e.correlationId),
    };
    const hash = eventHash(prevHash, row);
    const info = insert.run(row.time, row.type, row.actor, row.reason, row.inputsJson, row.outcome, row.correlationId, prevHash, hash);
    // The stored inputs, parsed when first read: the cycle appends an event every cycle and never
    // reads the answer back.
    let inputs: unknown;
    return {
      id: Number(info.lastInsertRowid),
      time: row.time,
      type: row.type,
      actor: row.actor,
      reason: row.reason,
      get inputs(): unknown {
        if (inputs === undefined) inputs = JSON.parse(inputsJson) as unknown;
        return inputs;
      },
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
      const seq =
        (sqlite.prepare("select seq from sqlite_sequence where name = 'events_log'").get() as { seq: number } | undefined)?.seq ?? 0;
      return verifyChain(sqlite.prepare('select * from events_log order by id').iterate() as IterableIterator<Row>, seq);
    },
  };
}

/**
 * Checks every row, and goes on after a broken one: each row's own hash is checked against its
 * content and its stored `prev_hash`, and each link against the stored hash of the row before.
 * So an edited row is reported alone (the next row still links to the hash it had), a rewritten
 * row (content and hash) is reported at the next row's link, and a deletion at the id gap.
 * Later tampering is never hidden behind an earlier break.
 */
function verifyChain(rows: Iterable<Row>, highestIdEverUsed: number): AuditVerification {
  const broken: AuditBreak[] = [];
  let brokenCount = 0;
  const report = (id: number, problem: string) => {
    brokenCount++;
    if (broken.length < AUDIT_BREAKS_LISTED) broken.push({ id, problem });
  };
  let prevHash = GENESIS_HASH;
  let prevId = 0;
  let count = 0;
  for (const r of rows) {
    count++;
    // A gap in the ids is a deletion (AUTOINCREMENT never reuses an id, and a rolled-back insert leaves none).
    if (r.id !== prevId + 1)
      report(prevId + 1, r.id - prevId === 2 ? `row ${prevId + 1} was deleted` : `rows ${prevId + 1} to ${r.id - 1} were deleted`);
    else if (r.prev_hash !== prevHash)
      report(r.id, `row ${r.id} does not link to row ${prevId} (row ${prevId} was rewritten with a new hash)`);
    if (eventHash(r.prev_hash, storedContent(r)) !== r.hash)
      report(r.id, `row ${r.id} was modified (its content no longer matches its hash)`);
    prevHash = r.hash;
    prevId = r.id;
  }
  if (highestIdEverUsed > prevId) report(prevId + 1, `the newest rows were deleted (ids ${prevId + 1} to ${highestIdEverUsed})`);
  const first = broken[0];
  if (!first) return { ok: true, count };
  return { ok: false, count, brokenAtId: first.id, problem: first.problem, brokenCount, broken };
}
