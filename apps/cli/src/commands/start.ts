import { ConfigError } from '@warden/core/errors/errors';
import type { Command } from 'commander';
import { createLogger, loadConfig, readEnvironment } from '../context.js';
import { shutdownOnSignals } from '../runtime/shutdownSignals.js';
import { startWarden } from '../runtime/startWarden.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'run the bot: migrate the database, backfill candles, start the scheduler, serve the API and control panel (what `npm start` runs)',
    )
    .action(async () => {
      const env = readEnvironment();
      const config = loadConfig(env); // exits with one line per bad variable
      const logger = createLogger(config);
      const started = startWarden({ env, logger });
      // Handlers go in before start-up finishes: a signal during the warm-up stops once it is done.
      const onSignal = shutdownOnSignals({
        stop: async (reason) => (await started).stop(reason),
        log: logger,
        exit: (code) => process.exit(code),
        now: () => performance.now(),
        after: (ms, fn) => setTimeout(fn, ms).unref(),
      });
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await started;
      } catch (error) {
        if (error instanceof ConfigError) {
          process.stderr.write(`warden: ${error.message}\n`);
          process.exit(2);
        }
        logger.fatal({ err: error }, 'start-up failed');
        process.exit(1);
      }
    });
}
