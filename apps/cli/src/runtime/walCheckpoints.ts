import type { SqliteStore } from '@warden/storage/openStore';

/**
 * WAL pages after which a commit checkpoints by itself (SQLite's default is 1,000): a safety net
 * only. A paper cycle writes about 14 pages per pair; at the default a checkpoint ran inside every
 * ~70th cycle's commit, and its fsyncs made that cycle 10–100 ms on a busy disk (the p99).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** Ticks between two checkpoints run by the runtime itself, between cycles (about 8 min at 10 s). */
export const CHECKPOINT_EVERY_TICKS = 50;

/** What `spaceOutCheckpoints` gives the runtime: call it after each tick, outside any cycle. */
export interface BetweenCycleCheckpoints {
  afterTick(): void;
}

/**
 * The checkpoint schedule `warden start` runs with: commits almost never checkpoint (the safety net
 * above), and every CHECKPOINT_EVERY_TICKS ticks a PASSIVE checkpoint runs between cycles, where it
 * delays no cycle and blocks no reader. The WAL stays small (a few hundred pages per pair) and is
 * checkpointed fully when the store closes, as before.
 */
export function spaceOutCheckpoints(store: Pick<SqliteStore, 'sqlite'>): BetweenCycleCheckpoints {
  store.sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  let ticks = 0;
  return {
    afterTick: () => {
      if (++ticks % CHECKPOINT_EVERY_TICKS === 0) store.sqlite.pragma('wal_checkpoint(PASSIVE)');
    },
  };
}
