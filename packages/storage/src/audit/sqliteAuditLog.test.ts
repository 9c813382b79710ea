import { tempDbPath } from '@warden/testkit/tempDir';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStore } from '../openStore.js';
import { Database } from '../sqliteDriver.js';

let cleanup: () => void = () => {};
let store: SqliteStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
  cleanup();
});

function freshStore(secrets: string[] = []): SqliteStore {
  const t = tempDbPath();
  cleanup = t.cleanup;
  store = openStore(t.path, { secrets });
  return store;
}

function seed(s: SqliteStore, n: number) {
  for (let i = 0; i < n; i++)
    s.audit.append({ time: i, type: 'e', actor: 'system', reason: `r${i}`, inputs: { i, apiKey: 'canary-secret' } });
}

/** Another connection, as someone editing the file by hand would use. */
const tamper = (s: SqliteStore, sql: string) => {
  const db = new Database(s.path);
  db.prepare(sql).run();
  db.close();
};

describe('audit log hash chain', () => {
  it('verifies an untouched chain and never stores a secret-named input', () => {
    const s = freshStore();
    seed(s, 5);
    expect(s.audit.verify()).toEqual({ ok: true, count: 5 });
    expect(JSON.stringify(s.audit.list({}, { limit: 10 }).items)).not.toContain('canary-secret');
  });

  it('detects an edited row', () => {
    const s = freshStore();
    seed(s, 5);
    tamper(s, "update events_log set reason = 'forged' where id = 3");
    expect(s.audit.verify()).toMatchObject({
      ok: false,
      brokenAtId: 3,
      brokenCount: 1,
      broken: [{ id: 3, problem: expect.stringMatching(/modified/) }],
    });
  });

  it('detects a deleted row in the middle', () => {
    const s = freshStore();
    seed(s, 5);
    tamper(s, 'delete from events_log where id = 2');
    expect(s.audit.verify()).toMatchObject({ ok: false, brokenAtId: 2, broken: [{ id: 2, problem: 'row 2 was deleted' }] });
  });

  it('detects deleted newest rows', () => {
    const s = freshStore();
    seed(s, 5);
    tamper(s, 'delete from events_log where id >= 4');
    expect(s.audit.verify()).toMatchObject({
      ok: false,
      brokenAtId: 4,
      broken: [{ id: 4, problem: expect.stringMatching(/newest rows were deleted/) }],
    });
  });

  it('reports every broken row, not only the first: an edit, a deletion and a rewritten row with a fresh hash', () => {
    const s = freshStore();
    seed(s, 12);
    tamper(s, "update events_log set reason = 'forged' where id = 2");
    tamper(s, 'delete from events_log where id in (5, 6)');
    // A careful forger recomputes the row's own hash; the next row's link still gives it away.
    tamper(s, `update events_log set hash = '${'f'.repeat(64)}' where id = 9`);
    const result = s.audit.verify();
    expect(result).toMatchObject({ ok: false, count: 10, brokenAtId: 2, brokenCount: 4 });
    expect(result.ok ? [] : result.broken.map((b) => b.id)).toEqual([2, 5, 9, 10]);
  });

  it('stores lone UTF-16 surrogates as U+FFFD and hashes what it stores, so the chain still verifies', () => {
    const s = freshStore();
    s.audit.append({ time: 1, type: 'auth.login_failed', actor: 'user:\ud800', reason: 'x\udfff', inputs: { 'k\ud800': ['\udc00'] } });
    s.audit.append({ time: 2, type: 'e', actor: 'system', reason: 'after', correlationId: '\ud83d', outcome: '\ude00' });
    expect(s.audit.verify()).toEqual({ ok: true, count: 2 });
    const [second, first] = s.audit.list({}, { limit: 2 }).items;
    expect(first).toMatchObject({ actor: 'user:\ufffd', reason: 'x\ufffd', inputs: { 'k\ufffd': ['\ufffd'] } });
    expect(second).toMatchObject({ correlationId: '\ufffd', outcome: '\ufffd' });
  });

  it('any text at all, well-formed or not, leaves a chain that verifies (property)', () => {
    const s = freshStore();
    let n = 0;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (actor, reason) => {
        s.audit.append({ time: n++, type: 'fuzz', actor, reason, inputs: { reason, [actor]: actor } });
        expect(s.audit.verify()).toMatchObject({ ok: true });
      }),
      { numRuns: 60 },
    );
  });

  it('never stores a known secret or a URL credential, in any field', () => {
    const s = freshStore(['sk-live-0123456789']);
    s.audit.append({
      time: 1,
      type: 'llm.failed',
      actor: 'advisor',
      reason: 'POST https://u:hunter2@llm.example/v1?api-key=sk-live-0123456789 failed',
      inputs: { error: 'key sk-live-0123456789 refused', url: 'https://llm.example/v1?key=abc' },
    });
    const text = JSON.stringify(s.audit.list({}, { limit: 1 }).items);
    expect(text).not.toContain('sk-live-0123456789');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('key=abc');
    expect(text).toContain('https://[redacted]@llm.example/v1?api-key=[redacted]');
    expect(s.audit.verify()).toMatchObject({ ok: true });
  });

  it('answers an append with the event as stored: redacted, cleaned and sorted inputs, its id and hashes', () => {
    const s = freshStore(['hunter2hunter2']);
    const appended = s.audit.append({
      time: 5,
      type: 'e',
      actor: 'system',
      reason: 'r',
      inputs: { z: 1, password: 'p', note: 'hunter2hunter2', a: '\ud800' },
    });
    const [stored] = s.audit.list({}, { limit: 1 }).items;
    expect(appended).toEqual(stored);
    expect(appended.inputs).toEqual({ a: '\ufffd', note: '[redacted]', password: '[redacted]', z: 1 });
    expect(JSON.stringify(appended)).toBe(JSON.stringify(stored));
  });

  it('filters by type and actor', () => {
    const s = freshStore();
    s.audit.append({ time: 1, type: 'state.changed', actor: 'user:ann', reason: 'x' });
    s.audit.append({ time: 2, type: 'cycle.completed', actor: 'system', reason: 'y' });
    expect(s.audit.list({ actor: 'user:ann' }, { limit: 10 }).items.map((e) => e.type)).toEqual(['state.changed']);
    expect(s.audit.list({ typePrefix: 'cycle.' }, { limit: 10 }).items.map((e) => e.actor)).toEqual(['system']);
  });
});
