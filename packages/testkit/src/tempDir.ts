import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp directory per test; call the returned cleanup in afterEach. */
export function makeTempDir(prefix = 'warden-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempDbPath(prefix = 'warden-db-'): { path: string; cleanup: () => void } {
  const { dir, cleanup } = makeTempDir(prefix);
  return { path: join(dir, 'warden.db'), cleanup };
}
