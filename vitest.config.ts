import { defineConfig } from 'vitest/config';

const ALL_TESTS = [
  'packages/*/src/**/*.test.ts',
  'apps/api/src/**/*.test.ts',
  'apps/cli/src/**/*.test.ts',
  'apps/web/src/**/*.test.ts',
  'apps/web/e2e/**/*.test.ts',
];

/**
 * Every test that reads candle files or dates, run again under non-UTC zones: results must never
 * move with the machine's TZ (one zone has a half-hour offset, one changes its clocks at night).
 * The CLI's field-case tests pass TZ on to the command they spawn.
 */
const FILE_TESTS = [
  'packages/core/src/data/**/*.test.ts',
  'packages/core/src/market/**/*.test.ts',
  'packages/core/src/backtest/**/*.test.ts',
  'packages/adapters/src/files/**/*.test.ts',
  'apps/cli/src/backtest/**/*.test.ts',
];

export default defineConfig({
  test: {
    // Deadlines for a hang, not speed limits: tests that start processes or run hundreds of cycles
    // take 10-20 s here on a busy machine and must still pass when it is several times busier.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './scripts/count-reporter.ts'],
    projects: [
      // timeZone.test.ts checks the zone a TZ project runs under; it has no meaning in the default run.
      { extends: true, test: { name: 'all', include: ALL_TESTS, exclude: ['**/node_modules/**', '**/timeZone.test.ts'] } },
      { extends: true, test: { name: 'files TZ=Asia/Kolkata (UTC+5:30)', include: FILE_TESTS, env: { TZ: 'Asia/Kolkata' } } },
      { extends: true, test: { name: 'files TZ=Europe/Berlin (DST)', include: FILE_TESTS, env: { TZ: 'Europe/Berlin' } } },
    ],
  },
});
