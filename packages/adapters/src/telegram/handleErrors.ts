import { WardenError } from '@warden/core/errors/errors';
import { describeError, type TelegramLogger } from './logger.js';

/**
 * What the chat is told when a service refuses or fails. Domain refusals (illegal transition,
 * role too low, already decided) carry a message meant for the user; anything else is a bug or an
 * outage, logged in full and reported without internals.
 */
export function userFacingError(err: unknown, log: TelegramLogger, context: Record<string, unknown>, token: string | undefined): string {
  if (err instanceof WardenError) {
    log.info({ ...context, code: err.code, error: err.message }, 'telegram command refused');
    return `Refused: ${err.message}`;
  }
  log.error({ ...context, error: describeError(err, token) }, 'telegram command failed');
  return 'Failed: internal error (see the server log).';
}
