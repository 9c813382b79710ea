import { redactConfig } from '@warden/core/config/parseConfig';
import type { Command } from 'commander';
import { createLogger, loadConfig } from '../context.js';
import { openStoreFor } from '../openStoreFor.js';

export function registerMaintenanceCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations to DATABASE_PATH (start does this too)')
    .action(() => {
      const config = loadConfig();
      const log = createLogger(config);
      const store = openStoreFor(config);
      log.info({ database: config.DATABASE_PATH }, 'database is up to date');
      store.close();
    });

  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('check every events_log row against the hash chain; reports the first broken link')
    .action(() => {
      const config = loadConfig();
      const store = openStoreFor(config);
      const result = store.audit.verify();
      store.close();
      if (result.ok) {
        process.stdout.write(`audit log intact: ${result.count} events verified\n`);
      } else {
        process.stdout.write(
          `audit log BROKEN at event ${result.brokenAtId}: ${result.problem} (${result.count} events verified before it)\n`,
        );
        process.exitCode = 1;
      }
    });

  const configCmd = program.command('config').description('configuration');
  configCmd
    .command('show')
    .description('print the effective configuration with secrets redacted')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const config = loadConfig();
      const redacted = redactConfig(config);
      if (opts.json) process.stdout.write(`${JSON.stringify(redacted, null, 2)}\n`);
      else
        for (const [k, v] of Object.entries(redacted))
          process.stdout.write(`${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '')}\n`);
    });
}
