import { describe, expect, it } from 'vitest';
import { InMemoryStore } from './inMemoryStore.js';

describe('InMemoryStore audit log', () => {
  const append = (store: InMemoryStore, n: number) =>
    store.audit.append({ time: n, type: n % 2 === 0 ? 'even' : 'odd', actor: 'system', reason: `event ${n}` });

  it('keeps the latest events up to its capacity, newest first, and counts every one', () => {
    const store = new InMemoryStore(3);
    for (let n = 1; n <= 7; n++) append(store, n);
    expect(store.eventCount).toBe(7);
    expect(store.audit.list({}, { limit: 10 }).items.map((e) => e.time)).toEqual([7, 6, 5]);
    expect(store.audit.list({ type: 'odd' }, { limit: 10 }).items.map((e) => e.time)).toEqual([7, 5]);
    expect(store.audit.verify()).toEqual({ ok: true, count: 7 });
  });

  it('pages through the kept events with a cursor', () => {
    const store = new InMemoryStore(4);
    for (let n = 1; n <= 6; n++) append(store, n);
    const first = store.audit.list({}, { limit: 2 });
    expect(first.items.map((e) => e.time)).toEqual([6, 5]);
    const second = store.audit.list({}, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((e) => e.time)).toEqual([4, 3]);
    expect(second.nextCursor).toBeNull();
  });

  it('with no capacity counts events without keeping any', () => {
    const store = new InMemoryStore(0);
    for (let n = 1; n <= 3; n++) append(store, n);
    expect(store.eventCount).toBe(3);
    expect(store.audit.list({}, { limit: 10 }).items).toEqual([]);
  });
});

describe('InMemoryStore config', () => {
  it('lists entries by key in code-unit order, as the SQLite store does, whatever the locale', () => {
    const store = new InMemoryStore();
    for (const key of ['b', 'Z', 'pair.a', 'pair_A', 'pair.B']) store.config.set(key, 1, 'test', 0);
    expect(store.config.all().map((e) => e.key)).toEqual(['Z', 'b', 'pair.B', 'pair.a', 'pair_A']);
  });
});
