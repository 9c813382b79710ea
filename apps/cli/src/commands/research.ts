import { writeFileSync } from 'node:fs';
import { ValidationError, WardenError } from '@warden/core/errors/errors';
import { SEARCH_MODES, type SearchMode } from '@warden/core/research/paramSearch';
import { SELECT_MODES, type SelectMode } from '@warden/core/research/researchPlan';
import { DEFAULT_IN_SAMPLE_FRACTION } from '@warden/core/research/walkForward';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig, readEnvironment } from '../context.js';
import { defaultThreads } from '../research/executor.js';
import { renderResearchHtml } from '../research/researchHtml.js';
import { renderMarkdown, renderTable } from '../research/researchTable.js';
import { runResearch } from '../research/runResearch.js';

interface ResearchCliOptions {
  strategies?: string;
  search?: string;
  trials?: string;
  seed: string;
  tune?: string;
  select: string;
  split: string;
  threads?: string;
  spacingMode?: 'geometric' | 'arithmetic';
  json?: string;
  report?: string;
  markdown?: boolean;
}

/** Default number of candidates a search draws when only --search is given. */
const DEFAULT_TRIALS = 30;

function wholeNumber(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ValidationError(`${flag}: expected a whole number ≥ ${min}, got "${value}"`, flag);
  return n;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new ValidationError(`${flag}: expected one of ${allowed.join(', ')}, got "${value}"`, flag);
  return value as T;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function registerResearchCommand(program: Command): void {
  program
    .command('research')
    .description('walk-forward research bench: strategies × parameters over many candle files, in parallel, scored out-of-sample')
    .argument('<inputs...>', 'candle files, folders (every .json/.csv below) or glob patterns ("data/**/*.csv")')
    .option('--strategies <names>', 'comma-separated strategies (default: every registered strategy); buy-and-hold is always added')
    .option(
      '--search <mode>',
      `parameter search: ${SEARCH_MODES.join(' or ')} over each strategy's declared bounds (default: none, shipped defaults only)`,
    )
    .option('--trials <n>', `candidates per strategy besides the defaults (default ${DEFAULT_TRIALS}; implies --search random)`)
    .option('--seed <n>', 'seed of the search', '1')
    .option('--tune <keys>', 'comma-separated tunable parameters to search (default: all of a strategy’s tunable ones)')
    .option('--select <mode>', `how the search picks its winner: ${SELECT_MODES.join(' or ')}`, 'per-set')
    .option('--split <fraction>', 'in-sample share of each set (the rest is out-of-sample)', String(DEFAULT_IN_SAMPLE_FRACTION))
    .option('--threads <n>', `worker threads (default: one per core, ${defaultThreads()} here; 1 runs serially)`)
    .option('--spacing-mode <mode>', 'grid spacing: geometric or arithmetic (default TRADING_GRID_SPACING_MODE)')
    .option('--json <file>', 'write the whole report as JSON')
    .option('--report <file.html>', 'write a self-contained HTML report (table and equity curves side by side)')
    .option('--markdown', 'print the table as markdown instead of plain text')
    .action(async (inputs: string[], opts: ResearchCliOptions) => {
      const env = { ...readEnvironment(), ...(opts.spacingMode ? { TRADING_GRID_SPACING_MODE: opts.spacingMode } : {}) };
      loadConfig(env); // a bad environment stops here with one line per variable, as every command does
      const bar = process.stderr.isTTY
        ? new SingleBar({
            format: 'research {phase} [{bar}] {percentage}% | {value}/{total} backtests | eta {eta}s',
            stream: process.stderr,
          })
        : null;
      let barPhase = '';
      try {
        const searchMode = opts.search ?? (opts.trials !== undefined ? 'random' : undefined);
        const split = Number(opts.split);
        if (!(split > 0 && split < 1))
          throw new ValidationError(`--split: expected a fraction between 0 and 1, got "${opts.split}"`, '--split');
        const report = await runResearch({
          inputs,
          env,
          strategies: list(opts.strategies),
          search:
            searchMode === undefined
              ? null
              : {
                  mode: oneOf<SearchMode>(searchMode, SEARCH_MODES, '--search'),
                  trials: opts.trials === undefined ? DEFAULT_TRIALS : wholeNumber(opts.trials, '--trials', 1),
                  seed: wholeNumber(opts.seed, '--seed', 0),
                  keys: list(opts.tune),
                },
          select: oneOf<SelectMode>(opts.select, SELECT_MODES, '--select'),
          inSampleFraction: split,
          ...(opts.threads !== undefined ? { threads: wholeNumber(opts.threads, '--threads', 1) } : {}),
          onProgress: (done, total, phase) => {
            if (!bar) return;
            if (phase !== barPhase) {
              if (barPhase) bar.stop();
              barPhase = phase;
              bar.start(total, 0, { phase });
            }
            bar.update(done, { phase });
          },
        });
        bar?.stop();
        process.stdout.write(`${opts.markdown ? renderMarkdown(report) : renderTable(report)}\n`);
        if (opts.json) {
          writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
          process.stderr.write(`JSON written to ${opts.json}\n`);
        }
        if (opts.report) {
          writeFileSync(opts.report, renderResearchHtml(report));
          process.stderr.write(`report written to ${opts.report}\n`);
        }
      } catch (error) {
        bar?.stop();
        // Worker errors arrive as plain Errors carrying the set's id; either way the message says what to fix.
        if (error instanceof WardenError || error instanceof Error) {
          process.stderr.write(`warden research: ${error.message}\n`);
          process.exit(2);
        }
        throw error;
      }
    });
}
