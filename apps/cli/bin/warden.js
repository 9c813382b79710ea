#!/usr/bin/env node
// The `warden` command. It runs the compiled JavaScript in apps/cli/dist (built by `npm ci` /
// `npm install` through the root `prepare` script). When the TypeScript sources changed since that
// build, it rebuilds first (well under a second), so an edited checkout never runs stale code.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildIsStale, ENTRY } from '../../../scripts/buildFreshness.mjs';
import { applyV8Tuning } from './v8Tuning.js';

applyV8Tuning();

if (buildIsStale()) {
  const esbuildInstalled = await import('esbuild').then(
    () => true,
    () => false,
  );
  if (esbuildInstalled) {
    const { buildCli } = await import('../../../scripts/build.mjs');
    try {
      await buildCli({ quiet: true });
    } catch (error) {
      process.stderr.write(`warden: the sources do not compile:\n${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  } else if (existsSync(ENTRY)) {
    // esbuild is a development dependency; without it, the existing build is the best there is.
    process.stderr.write('warden: warning: the sources changed since apps/cli/dist was built; run `npm run build`\n');
  } else {
    process.stderr.write('warden: apps/cli/dist is missing and esbuild is not installed; run `npm install` (or `npm run build`)\n');
    process.exit(1);
  }
}
await import(pathToFileURL(ENTRY).href);
