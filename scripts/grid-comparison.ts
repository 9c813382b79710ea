// `npm run compare-grids`: the README's smart grid vs static grid tables, made by the research bench
// over the whole shared corpus (every series in ../shared/fixtures/candles, each symbol of a
// multi-symbol file its own set), with the environment's settings as `warden backtest` reads them.
// Run it with a clean environment to reproduce the README. Add --full for the bench's whole table.
import { join } from 'node:path';
import { fixturesDir } from '@warden/testkit/fixtures';
import { readEnvironment } from '../apps/cli/src/context.js';
import { renderGridComparison } from '../apps/cli/src/research/gridComparison.js';
import { renderMarkdown } from '../apps/cli/src/research/researchTable.js';
import { runResearch } from '../apps/cli/src/research/runResearch.js';

const report = await runResearch({
  inputs: [join(fixturesDir(), 'candles')],
  env: readEnvironment(),
  strategies: ['smart_grid_ai', 'grid'],
});
process.stdout.write(`${renderGridComparison(report)}\n`);
if (process.argv.includes('--full')) process.stdout.write(`\n${renderMarkdown(report)}\n`);
