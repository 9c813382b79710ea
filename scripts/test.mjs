#!/usr/bin/env node
// `npm test`: lint, typecheck every workspace, build the `warden` command and the web app (tests run both), run every test.
// The last line printed is always "N passed, N failed" so CI can count.
import { spawnSync } from 'node:child_process';

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
}

const checks = [
  ['npx', ['biome', 'check', '.']],
  ['npx', ['tsc', '-p', 'tsconfig.json']],
  ['npx', ['tsc', '-p', 'apps/web/tsconfig.json']],
  ['npx', ['tsc', '-p', 'apps/web/e2e/tsconfig.json']],
  ['node', ['scripts/build.mjs']],
  ['node', ['scripts/ensure-web-build.mjs', '--force']],
];
let preFailures = 0;
for (const [cmd, args] of checks) if (run(cmd, args) !== 0) preFailures++;

const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: ['inherit', 'pipe', 'inherit'],
  env: process.env,
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024,
});
const out = result.stdout ?? '';
const lines = out.split('\n');
const countLine = [...lines].reverse().find((l) => /^\d+ passed, \d+ failed/.test(l.trim()));
process.stdout.write(lines.filter((l) => l !== countLine).join('\n'));
let [passed, failed] = countLine ? countLine.match(/\d+/g).map(Number) : [0, 1];
// A failed typecheck or build counts as a failed test: the run must not look green.
failed += preFailures;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || result.status !== 0 ? 1 : 0);
