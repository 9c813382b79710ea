#!/usr/bin/env node
// Compiles the `warden` command (apps/cli with core, storage, adapters and api) to JavaScript in
// apps/cli/dist, so no command transpiles TypeScript at run time. `npm ci`/`npm install` run it
// (the root `prepare` script) and `apps/cli/bin/warden.js` reruns it when the sources changed.
//
//   node scripts/build.mjs            build
//   node scripts/build.mjs --if-stale build only when the sources changed since the last build
//
// esbuild bundles our own modules and leaves every npm package external (loaded from
// node_modules as usual). Code splitting keeps each `await import()` a separate chunk, so a
// library imported only behind one (ccxt, the AI SDK, grammy, fastify) is loaded only when that
// code runs. Files are written to temporary names and renamed into place, chunks before the entry
// and build-info.json last: a command starting during a build sees the old build or the new one,
// and processes still running keep finding the chunks they were built with.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_INFO, buildIsStale, DIST_DIR, REPO_ROOT, sourceFingerprint } from './buildFreshness.mjs';

/** Chunks no longer part of the build are deleted once they are this old (ms). */
const STALE_CHUNK_AGE_MS = 60 * 60 * 1000;

/**
 * `import.meta.url` in a bundled module would name the bundle, not the source file; paths built
 * from it (the migrations folder, the web app's dist) must still point where they did. Every
 * output file is in DIST_DIR, so the source's location relative to it is fixed.
 */
const keepSourceLocation = {
  name: 'keep-source-location',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.includes('import.meta.dirname') || source.includes('import.meta.filename'))
        throw new Error(`${args.path}: derive paths from import.meta.url (the build rewrites it; import.meta.dirname it cannot)`);
      if (!source.includes('import.meta.url')) return undefined;
      const rel = relative(DIST_DIR, args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * `import { binance } from 'ccxt'` loads every one of ccxt's ~110 exchanges (about 55 MB of
 * memory and half a second). The bundle imports only Binance and ccxt's error classes, from the
 * same files ccxt's index re-exports, so `instanceof` checks see the same classes. The names are
 * listed explicitly, so importing anything else from 'ccxt' fails the build instead of the run.
 */
const leanCcxt = {
  name: 'lean-ccxt',
  setup(build) {
    build.onResolve({ filter: /^ccxt$/ }, () => ({ path: 'ccxt', namespace: 'lean-ccxt' }));
    build.onResolve({ filter: /^\.\.?\//, namespace: 'lean-ccxt' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lean-ccxt' }, () => {
      const main = createRequire(join(REPO_ROOT, 'packages', 'adapters', 'package.json')).resolve('ccxt');
      const root = dirname(dirname(main));
      const errorsFile = join(root, 'js', 'src', 'base', 'errors.js');
      const exported = /^export \{([^}]*)\};?$/m.exec(readFileSync(errorsFile, 'utf8'));
      if (!exported) throw new Error(`${errorsFile}: no export list found (has ccxt's layout changed?)`);
      const names = exported[1]
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const rel = (file) => JSON.stringify(`./${relative(DIST_DIR, file).split('\\').join('/')}`);
      return {
        contents: `export { default as binance } from ${rel(join(root, 'js', 'src', 'binance.js'))};\nexport { ${names.join(', ')} } from ${rel(errorsFile)};\n`,
        loader: 'js',
        resolveDir: DIST_DIR,
      };
    });
  },
};

/** Bundle our workspaces; leave every npm package (and node: builtins) to Node's resolver. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@warden/') ? undefined : { path: args.path, external: true }));
  },
};

function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

function removeOldChunks(keep) {
  const now = Date.now();
  for (const name of readdirSync(DIST_DIR)) {
    const path = join(DIST_DIR, name);
    if (keep.has(path)) continue;
    try {
      if (now - statSync(path).mtimeMs > STALE_CHUNK_AGE_MS || name.endsWith('.tmp')) rmSync(path, { force: true });
    } catch {
      // Another build removed it first.
    }
  }
}

/** Builds apps/cli/dist; resolves with the build's duration in ms. Throws esbuild's error on a compile error. */
export async function buildCli({ quiet = false } = {}) {
  const started = performance.now();
  const fingerprint = sourceFingerprint();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: REPO_ROOT,
    // The research bench's worker threads load their own entry (research/executor.ts finds it beside main.js).
    entryPoints: { main: 'apps/cli/src/main.ts', researchWorker: 'apps/cli/src/research/researchWorker.ts' },
    define: { WARDEN_BUNDLED: 'true' },
    outdir: DIST_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    chunkNames: '[name]-[hash]',
    // Our sources import their siblings as './x.js'; esbuild maps those to the .ts files.
    resolveExtensions: ['.ts', '.js', '.mjs', '.json'],
    plugins: [leanCcxt, externalPackages, keepSourceLocation],
    logLevel: 'silent',
    write: false,
    legalComments: 'none',
    banner: { js: '// Generated by scripts/build.mjs from apps/cli/src and the workspaces it imports. Do not edit.' },
  });
  // Error classes name themselves after their class (`this.name = new.target.name`); esbuild renames a
  // class whose name another bundled module also uses (`NotFoundError2`), which would change it.
  for (const file of result.outputFiles) {
    const renamed = /\bclass ([A-Za-z]*Error)\d+\b/.exec(file.text);
    if (renamed) throw new Error(`two modules define a class named ${renamed[1]}; rename one (error names must survive bundling)`);
  }
  mkdirSync(DIST_DIR, { recursive: true });
  const entry = join(DIST_DIR, 'main.js');
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === entry || a.path === `${entry}.map`) - Number(b.path === entry));
  for (const file of files) writeAtomically(file.path, file.contents);
  writeAtomically(BUILD_INFO, `${JSON.stringify({ sources: fingerprint, builtAt: new Date().toISOString() }, null, 2)}\n`);
  removeOldChunks(new Set([...files.map((f) => f.path), BUILD_INFO]));
  const ms = performance.now() - started;
  if (!quiet) process.stderr.write(`built apps/cli/dist (${files.length} files) in ${Math.round(ms)} ms\n`);
  return ms;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--if-stale') && !buildIsStale()) process.exit(0);
  const esbuildInstalled = await import('esbuild').then(
    () => true,
    () => false,
  );
  // `npm ci --omit=dev` runs `prepare` without the development dependencies: say so, do not fail the install.
  if (!esbuildInstalled && process.env.npm_lifecycle_event === 'prepare') {
    process.stderr.write('warden build skipped: esbuild (a development dependency) is not installed; apps/cli/dist is used as it is\n');
    process.exit(0);
  }
  try {
    await buildCli();
  } catch (error) {
    process.stderr.write(`warden build failed:\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
