import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ResearchExecutor, ResearchTask } from '@warden/core/research/researchPlan';
import type { RunOutcome } from '@warden/core/research/runPart';
import { Piscina } from 'piscina';
import type { CorpusSet } from './corpus.js';
import { createTaskRunner, type TaskContext, type TaskMessage } from './taskRunner.js';

/** Called after each finished task. */
export type ProgressListener = (done: number, total: number, phase: 'search' | 'final') => void;

export interface ResearchPool {
  readonly execute: ResearchExecutor;
  readonly threads: number;
  close(): Promise<void>;
}

/** Threads by default: one per core the process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Runs bench tasks on `threads` worker threads (piscina), or in this thread when `threads` is 1.
 * Outcomes come back in task order whatever order they finish in, so the result does not depend
 * on the number of threads.
 */
export function createResearchPool(
  context: TaskContext,
  sets: readonly CorpusSet[],
  threads: number,
  onProgress?: ProgressListener,
): ResearchPool {
  const message = (t: ResearchTask): TaskMessage => ({ set: sets[t.set] as CorpusSet, run: t.run });
  if (threads <= 1) {
    const run = createTaskRunner(context);
    return {
      threads: 1,
      execute: async (tasks, phase) => {
        const out: RunOutcome[] = [];
        for (const t of tasks) {
          out.push(await run(message(t)));
          onProgress?.(out.length, tasks.length, phase);
        }
        return out;
      },
      close: async () => {},
    };
  }
  const pool = new Piscina({
    filename: workerUrl(),
    minThreads: threads,
    maxThreads: threads,
    workerData: context,
    execArgv: workerExecArgv(),
  });
  return {
    threads,
    execute: async (tasks, phase) => {
      let done = 0;
      return Promise.all(
        tasks.map(async (t) => {
          const outcome = (await pool.run(message(t))) as RunOutcome;
          onProgress?.(++done, tasks.length, phase);
          return outcome;
        }),
      );
    },
    close: () => pool.destroy(),
  };
}

/** Defined (true) by scripts/build.mjs in the compiled command; absent when running from source. */
declare const WARDEN_BUNDLED: boolean | undefined;

/**
 * The worker's module: in the compiled command its own entry, `researchWorker.js` beside `main.js`
 * in apps/cli/dist; from source, the `.ts` beside this file (run through tsx).
 */
function workerUrl(): string {
  if (typeof WARDEN_BUNDLED !== 'undefined' && WARDEN_BUNDLED) return new URL('dist/researchWorker.js', cliRoot()).href;
  return new URL(`./researchWorker${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
}

/** apps/cli/ as a URL (the bin script that started this process lives in apps/cli/bin). */
function cliRoot(): URL {
  return pathToFileURL(join(dirname(process.argv[1] ?? ''), '..', '/'));
}

/**
 * A TypeScript worker needs tsx's loader in its own thread: hooks registered with `register()` in
 * the main thread (as bin/warden.js does) do not reach workers on Node 20.
 */
function workerExecArgv(): string[] {
  if ((typeof WARDEN_BUNDLED !== 'undefined' && WARDEN_BUNDLED) || extname(fileURLToPath(import.meta.url)) !== '.ts')
    return [...process.execArgv];
  if (process.execArgv.some((a) => a.includes('tsx'))) return [...process.execArgv];
  return [...process.execArgv, '--import', import.meta.resolve('tsx')];
}
