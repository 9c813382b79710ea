#!/usr/bin/env node
// Builds apps/web when its bundle is missing or older than its sources, so `npm start` serves the
// control panel with no extra step. `--force` always rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = 'apps/web';
const index = join(web, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(join(web, 'index.html'))) process.exit(0);
const force = process.argv.includes('--force');
const stale = !existsSync(index) || newest(join(web, 'src')) > statSync(index).mtimeMs;
if (force || stale) {
  console.log('building the web control panel (apps/web) ...');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
