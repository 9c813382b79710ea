import { redactConfig } from '@warden/core/config/parseConfig';
import type { AuditVerification } from '@warden/core/ports/auditLog';
import type { Command } from 'commander';
import { createLogger, loadConfig } from '../context.js';
import { openStoreFor } from '../openStoreFor.js';

/** `warden audit verify`'s report: one line when intact, else a summary and one line per broken row. */
export function verificationLines(result: AuditVerification): string[] {
  if (result.ok) return [`audit log intact: ${result.count} events verified`];
  const listed = result.broken.length < result.brokenCount ? ` (the first ${result.broken.length} listed)` : '';
  return [
    `audit log BROKEN at event ${result.brokenAtId}: ${result.brokenCount} problem${result.brokenCount === 1 ? '' : 's'} in ${result.count} events${listed}:`,
    ...result.broken.map((b) => `  event ${b.id}: ${b.problem}`),
  ];
}

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
    .description('check every events_log row against the hash chain; lists every broken row (exit code 1 if any)')
    .action(() => {
      const config = loadConfig();
      const store = openStoreFor(config);
      const result = store.audit.verify();
      store.close();
      for (const line of verificationLines(result)) process.stdout.write(`${line}\n`);
      if (!result.ok) process.exitCode = 1;
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
