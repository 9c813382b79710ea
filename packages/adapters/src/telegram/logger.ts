/** The slice of a pino logger the Telegram adapter uses (a pino Logger satisfies it). */
export interface TelegramLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * grammy's network errors can carry the request URL, and the URL carries the bot token
 * (`/bot<token>/sendMessage`). Every error text passes through here before it is logged.
 */
export function redactToken(text: string, token: string | undefined): string {
  if (!token) return text;
  return text.split(token).join('<redacted>');
}

export function describeError(err: unknown, token: string | undefined): string {
  const text = err instanceof Error ? err.message : String(err);
  return redactToken(text, token);
}
