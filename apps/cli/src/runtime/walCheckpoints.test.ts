import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY_TICKS, spaceOutCheckpoints, WAL_AUTOCHECKPOINT_PAGES } from './walCheckpoints.js';

let store: SqliteStore | null = null;
let cleanup: () => void = () => {};
afterEach(() => {
  store?.close();
  store = null;
  cleanup();
});

function open(): SqliteStore {
  const db = tempDbPath('warden-wal-');
  cleanup = db.cleanup;
  store = openStore(db.path);
  return store;
}

/** One committed write, as a cycle's transaction would make. */
const write = (s: SqliteStore, i: number) => s.config.set(`wal.test.${i}`, { i, pad: 'x'.repeat(2_000) }, 'test', i);

interface CheckpointResult {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

describe('WAL checkpoints between cycles', () => {
  it('raises the automatic checkpoint so commits do not checkpoint (a safety net only)', () => {
    const s = open();
    spaceOutCheckpoints(s);
    expect(s.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });

  it('runs a PASSIVE checkpoint after every CHECKPOINT_EVERY_TICKS ticks, and it copies the whole WAL', () => {
    const s = open();
    // The real database, with its pragma calls recorded on the way through.
    const checkpoints: CheckpointResult[][] = [];
    const recorded = {
      sqlite: {
        pragma: (source: string, options?: { simple?: boolean }) => {
          const result = s.sqlite.pragma(source, options);
          if (source.startsWith('wal_checkpoint')) checkpoints.push(result as CheckpointResult[]);
          return result;
        },
      },
    } as unknown as Pick<SqliteStore, 'sqlite'>;
    const schedule = spaceOutCheckpoints(recorded);
    for (let tick = 1; tick <= 2 * CHECKPOINT_EVERY_TICKS; tick++) {
      write(s, tick);
      schedule.afterTick();
      expect(checkpoints.length, `after tick ${tick}`).toBe(Math.floor(tick / CHECKPOINT_EVERY_TICKS));
    }
    for (const [result] of checkpoints) {
      // Frames were waiting (the writes went to the WAL), and the checkpoint copied all of them.
      expect(result?.log).toBeGreaterThan(0);
      expect(result?.checkpointed).toBe(result?.log);
      expect(result?.busy).toBe(0);
    }
  });
});
