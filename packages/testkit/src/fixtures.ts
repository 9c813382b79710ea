import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The shared, real recorded data (`../shared/fixtures` beside the repository, as CI lays it out).
 * WARDEN_FIXTURES_DIR overrides it.
 */
export function fixturesDir(): string {
  const candidates = [process.env.WARDEN_FIXTURES_DIR, join(repoRoot, '..', 'shared', 'fixtures')].filter((p): p is string => !!p);
  for (const dir of candidates) if (existsSync(dir)) return dir;
  throw new Error(`shared fixtures not found (looked in ${candidates.join(', ')}); set WARDEN_FIXTURES_DIR`);
}

export function fixturePath(...parts: string[]): string {
  return join(fixturesDir(), ...parts);
}

export { repoRoot };
