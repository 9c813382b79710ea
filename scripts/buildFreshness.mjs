// What the compiled `warden` command is built from, and whether its build is current. Plain Node
// (no dependencies): `apps/cli/bin/warden.js` runs this on every start, so it must stay cheap
// (a walk of about 300 files: a few milliseconds).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The compiled command: one ESM entry plus the chunks it loads on demand. */
export const DIST_DIR = join(REPO_ROOT, 'apps', 'cli', 'dist');
export const ENTRY = join(DIST_DIR, 'main.js');
export const BUILD_INFO = join(DIST_DIR, 'build-info.json');

/** Every workspace the command bundles (testkit and the web app are not part of it). */
const SOURCE_ROOTS = ['packages/core/src', 'packages/storage/src', 'packages/adapters/src', 'apps/api/src', 'apps/cli/src'];
/** Files outside the source folders that change what the bundle contains. */
const BUILD_INPUTS = ['scripts/build.mjs', 'package-lock.json'];

function walk(dir, acc) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, acc);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      acc.count++;
      acc.newest = Math.max(acc.newest, statSync(path).mtimeMs);
    }
  }
}

/**
 * A fingerprint of the sources: how many there are and the newest modification time (ms). A
 * checkout, an edit or a deleted file changes it; tests are left out (they are not bundled).
 */
export function sourceFingerprint(root = REPO_ROOT) {
  const acc = { count: 0, newest: 0 };
  for (const dir of SOURCE_ROOTS) if (existsSync(join(root, dir))) walk(join(root, dir), acc);
  for (const file of BUILD_INPUTS) if (existsSync(join(root, file))) acc.newest = Math.max(acc.newest, statSync(join(root, file)).mtimeMs);
  return `${acc.count}:${Math.floor(acc.newest)}`;
}

/** The fingerprint the current build was made from, or null when there is no complete build. */
export function builtFingerprint() {
  if (!existsSync(ENTRY) || !existsSync(BUILD_INFO)) return null;
  try {
    return JSON.parse(readFileSync(BUILD_INFO, 'utf8')).sources ?? null;
  } catch {
    return null;
  }
}

/** True when the compiled command is missing or older than its sources. */
export function buildIsStale() {
  return builtFingerprint() !== sourceFingerprint();
}
