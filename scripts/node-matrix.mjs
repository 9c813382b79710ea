#!/usr/bin/env node
// Runs the Node-version smoke suite under Node 22 and 24 (`.ci/run` calls it after the full suite
// under the machine's Node; `npm run test:node-matrix` by hand). Each Node comes from the npm
// registry as the `node` package (`npx -p node@22`), which also ships the headers.
//
// better-sqlite3 is a native addon built for one Node ABI (Node 20 = 115, 22 = 127, 24 = 137), so
// each version runs in its own copy of the checkout (hard links: seconds, no extra disk) whose
// better-sqlite3 binary is rebuilt for that ABI with npm's node-gyp against those headers, and
// cached in ~/.cache/warden-node-matrix (WARDEN_NODE_MATRIX_CACHE). The checkout is never modified.
//
//   node scripts/node-matrix.mjs            Node 22 and 24
//   node scripts/node-matrix.mjs 24         one version
//
// Prints "N passed, N failed" at the end, summed over the versions.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
// Outside node_modules, so `npm ci` keeps it: later runs on the same machine skip the compile.
const CACHE = process.env.WARDEN_NODE_MATRIX_CACHE ?? join(homedir(), '.cache', 'warden-node-matrix');
const VERSIONS = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['22', '24'];

/**
 * The smoke subset run under Node 22 and 24 (the whole suite runs under the machine's Node):
 * the native addon and the migrations (storage), the domain (core), the HTTP API, and the
 * compiled `warden` command as processes (start, backtest, users, npm start and its signals).
 */
export const SMOKE = [
  'packages/storage',
  'packages/core/src/cycle',
  'packages/core/src/risk',
  'packages/core/src/execution',
  'packages/core/src/config',
  'apps/api/src/server.test.ts',
  'apps/cli/src/commands',
  'apps/cli/src/runtime/startupLogs.test.ts',
  'apps/cli/src/runtime/metrics',
];

function log(message) {
  process.stdout.write(`[node-matrix] ${message}\n`);
}

/**
 * Node `version` from the npm registry: the `node` package's binary (`npx -p node@22`), its ABI,
 * and its headers for node-gyp, from the same registry package the `node` package installs
 * (node-<platform>-<arch>, which ships include/node), unpacked once into the cache.
 */
function installNode(version) {
  const out = execFileSync(
    'npx',
    ['--yes', '-p', `node@${version}`, 'node', '-p', 'JSON.stringify([process.execPath, process.versions.modules, process.version])'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [execPath, abi, full] = JSON.parse(out.trim().split('\n').pop());
  const nodedir = join(CACHE, `node-${full}`);
  if (!existsSync(join(nodedir, 'include', 'node', 'common.gypi'))) {
    mkdirSync(nodedir, { recursive: true });
    const tgz = execFileSync('npm', ['pack', `node-${process.platform}-${process.arch}@${full.slice(1)}`, '--silent'], {
      cwd: nodedir,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', tgz, '--strip-components=1', 'package/include'], { cwd: nodedir });
    rmSync(join(nodedir, tgz), { force: true });
  }
  return { execPath, abi, full, nodedir };
}

/** node-gyp as npm bundles it (no download). */
function nodeGyp() {
  const npmCli = process.env.npm_execpath ?? realpathSync(execFileSync('which', ['npm'], { encoding: 'utf8' }).trim());
  let dir = dirname(npmCli);
  while (dir !== dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`node-gyp not found beside npm (${npmCli})`);
}

/** better-sqlite3's binary for this Node, built once per better-sqlite3 version and ABI. */
function betterSqliteFor(node) {
  const pkgDir = join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const cached = join(CACHE, `better-sqlite3-${version}-abi${node.abi}.node`);
  if (existsSync(cached)) return cached;
  log(`building better-sqlite3 ${version} for Node ${node.full} (ABI ${node.abi}); about 2 minutes, once`);
  const work = join(CACHE, `build-abi${node.abi}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(pkgDir, work, { recursive: true, filter: (src) => !src.startsWith(join(pkgDir, 'build')) });
  const r = spawnSync(node.execPath, [nodeGyp(), 'rebuild', '--release', `--nodedir=${node.nodedir}`, '--jobs=2', '--loglevel=warn'], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_nodedir: node.nodedir },
  });
  if (r.status !== 0) {
    process.stderr.write(`${`${r.stdout}${r.stderr}`.split('\n').slice(-60).join('\n')}\n`);
    throw new Error(`building better-sqlite3 for Node ${node.full} failed (exit ${r.status})`);
  }
  mkdirSync(CACHE, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), cached);
  rmSync(work, { recursive: true, force: true });
  return cached;
}

/** A copy of the checkout (hard-linked where possible) with better-sqlite3 built for `node`. */
function checkoutFor(node, binary) {
  const dir = join(tmpdir(), `warden-node${node.abi}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const skip = [join(ROOT, '.git'), CACHE, join(ROOT, 'test-artifacts')];
  try {
    execFileSync('cp', ['-al', ROOT, dir]);
    for (const s of skip) rmSync(join(dir, s.slice(ROOT.length)), { recursive: true, force: true });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    cpSync(ROOT, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !skip.some((s) => src.startsWith(s)) });
  }
  const target = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  rmSync(target, { force: true }); // a hard link to the checkout's binary: replace, never write through it
  copyFileSync(binary, target);
  return dir;
}

function fixturesDir() {
  return process.env.WARDEN_FIXTURES_DIR ?? join(ROOT, '..', 'shared', 'fixtures');
}

let passed = 0;
let failed = 0;
for (const version of VERSIONS) {
  const started = Date.now();
  let dir = null;
  try {
    const node = installNode(version);
    log(`Node ${node.full} (ABI ${node.abi}) from the npm registry: ${node.execPath}`);
    dir = checkoutFor(node, betterSqliteFor(node));
    // Every `node` the tests start (npm start, the warden command, scripts) is this one.
    const env = { ...process.env, PATH: `${dirname(node.execPath)}:${process.env.PATH}`, WARDEN_FIXTURES_DIR: fixturesDir() };
    const check = spawnSync(node.execPath, ['apps/cli/bin/warden.js', '--version'], { cwd: dir, env, encoding: 'utf8' });
    log(`warden --version under Node ${node.full}: ${(check.stdout || check.stderr).trim()}`);
    const r = spawnSync(node.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...SMOKE], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const out = r.stdout ?? '';
    const count = [...out.split('\n')].reverse().find((l) => /^\d+ passed, \d+ failed/.test(l.trim()));
    process.stdout.write(out.replace(count ?? '\0', `Node ${node.full}: ${count ?? 'no count'}`));
    const [p, f] = count ? count.match(/\d+/g).map(Number) : [0, 1];
    passed += p;
    failed += f + (check.status === 0 ? 0 : 1) + (r.status === 0 || f > 0 ? 0 : 1);
    log(`Node ${node.full}: ${p} passed, ${f} failed in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    failed++;
    log(`Node ${version}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
