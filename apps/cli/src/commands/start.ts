import { ConfigError } from '@warden/core/errors/errors';
import type { Command } from 'commander';
import { createLogger, loadConfig, readEnvironment } from '../context.js';
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
      let runtime: Awaited<ReturnType<typeof startWarden>>;
      try {
        runtime = await startWarden({ env, logger });
      } catch (error) {
        if (error instanceof ConfigError) {
          process.stderr.write(`warden: ${error.message}\n`);
          process.exit(2);
        }
        logger.fatal({ err: error }, 'start-up failed');
        process.exit(1);
      }
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals++;
        if (signals > 1) {
          logger.warn('second signal: exiting now');
          process.exit(130);
        }
        void runtime.stop(`received ${signal}`).then(() => process.exit(0));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
}
