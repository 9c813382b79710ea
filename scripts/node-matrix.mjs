#!/usr/bin/env node
// Runs the Node-version smoke suite under Node 22 and 24 (`.ci/run` calls it after the full suite
// under the machine's Node; `npm run test:node-matrix` by hand). Each Node comes from the npm
// registry as the `node` package (`npx -p node@22`).
//
// Nothing is compiled for them: on Node 22 and later the storage uses better-sqlite3 13, whose npm
// package ships Node-API binaries for every Node from 22 (packages/storage/src/sqliteDriver.ts);
// the compiled better-sqlite3 12 is for Node 20 only. Every other native part (argon2, esbuild,
// Biome) is Node-API or a plain executable.
//
//   node scripts/node-matrix.mjs            Node 22 and 24
//   node scripts/node-matrix.mjs 24         one version
//
// Prints "N passed, N failed" at the end, summed over the versions.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const VERSIONS = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['22', '24'];

/**
 * The smoke subset run under Node 22 and 24 (the whole suite runs under the machine's Node):
 * the native addon and the migrations (storage), the domain (core), the HTTP API, the runtime
 * in-process (start-up, restart, warm-up, an unreachable exchange) and the compiled `warden`
 * command as processes (start in paper and live with crashes and restarts, three pairs, backtest,
 * data, users, npm start and its signals). The long in-process scenarios (portfolio and live
 * e2e, metrics, log lines) run under the machine's Node only: they exercise no more of the Node
 * version than the process tests do, and keep `.ci/run` well inside its 20 minutes.
 */
export const SMOKE = [
  'packages/storage',
  'packages/core/src/cycle',
  'packages/core/src/risk',
  'packages/core/src/execution',
  'packages/core/src/config',
  'apps/api/src/server.test.ts',
  'apps/cli/src/commands',
  'apps/cli/src/runtime/startWarden.test.ts',
  'apps/cli/src/runtime/exchangeUnreachable.test.ts',
  'apps/cli/src/runtime/tradingCycle.integration.test.ts',
  'apps/cli/src/runtime/liveTrading.test.ts',
  'apps/cli/src/runtime/shutdownSignals.test.ts',
];

function log(message) {
  process.stdout.write(`[node-matrix] ${message}\n`);
}

/** Node `version` from the npm registry (`npx -p node@22`): its binary and full version. */
function installNode(version) {
  const out = execFileSync('npx', ['--yes', '-p', `node@${version}`, 'node', '-p', 'JSON.stringify([process.execPath, process.version])'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [execPath, full] = JSON.parse(out.trim().split('\n').pop());
  return { execPath, full };
}

let passed = 0;
let failed = 0;
for (const version of VERSIONS) {
  const started = Date.now();
  try {
    const node = installNode(version);
    log(`Node ${node.full} from the npm registry: ${node.execPath}`);
    // Every `node` the tests start (npm start, the warden command, scripts) is this one.
    const env = { ...process.env, PATH: `${dirname(node.execPath)}:${process.env.PATH}` };
    const check = spawnSync(node.execPath, ['apps/cli/bin/warden.js', '--version'], { cwd: ROOT, env, encoding: 'utf8' });
    log(`warden --version under Node ${node.full}: ${(check.stdout || check.stderr).trim()}`);
    const r = spawnSync(node.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...SMOKE], {
      cwd: ROOT,
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
  }
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
