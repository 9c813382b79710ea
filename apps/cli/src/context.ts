import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AppConfig, configSecrets, parseConfig } from '@warden/core/config/parseConfig';
import { ConfigError } from '@warden/core/errors/errors';
import { REDACTED, redactText } from '@warden/core/security/redaction';
import { config as loadDotenv } from 'dotenv';
import pino, { type Logger } from 'pino';

/** Environment plus `.env` (the environment wins), as one map. */
export function readEnvironment(envFile = resolve(process.cwd(), '.env')): Record<string, string | undefined> {
  const fromFile: Record<string, string> = {};
  if (existsSync(envFile)) loadDotenv({ path: envFile, processEnv: fromFile, quiet: true });
  return { ...fromFile, ...process.env };
}

/** Parses the configuration or exits (code 2) with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): AppConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `warden: invalid configuration — start-up stopped:\n${error.problems.map((p) => `  ${p}`).join('\n')}\nSee .env.example for every variable and its allowed values.\n`,
      );
      process.exit(2);
    }
    throw error;
  }
}

/** Paths pino blanks wherever they appear, so no credential reaches a log line. */
export const LOG_REDACT_PATHS = [
  'apiKey',
  'secret',
  'password',
  'token',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.token',
  '*.BINANCE_API_KEY',
  '*.BINANCE_API_SECRET',
  '*.AUTH_TOKEN_SECRET',
  '*.OPENAI_API_KEY',
  '*.ANTHROPIC_API_KEY',
  '*.GEMINI_API_KEY',
  '*.GOOGLE_GENERATIVE_AI_API_KEY',
  '*.TELEGRAM_BOT_TOKEN',
  '*.TELEGRAM_WEBHOOK_SECRET',
  'req.headers.authorization',
  'req.headers["x-mbx-apikey"]',
  'headers.authorization',
];

/**
 * The process logger. Secrets are kept out twice: pino's `redact` blanks credential fields by path,
 * and every finished line passes `redactText` (the same function as the API, the audit log and
 * notifications use) before it is written, which removes the config's known secret values wherever
 * they appear and the credentials inside any URL (user-info, query values, token-like path segments),
 * in messages and error stacks too. `config` is the whole AppConfig when there is one; its secrets
 * are found with `configSecrets`.
 */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'> & Partial<AppConfig>, destination?: NodeJS.WritableStream): Logger {
  const secrets = configSecrets(config);
  const options = {
    level: config.LOG_LEVEL,
    redact: { paths: LOG_REDACT_PATHS, censor: REDACTED },
    base: { app: 'warden' },
    hooks: { streamWrite: (line: string) => redactText(line, secrets) },
  };
  if (destination) return pino(options, destination as pino.DestinationStream);
  if (process.stdout.isTTY)
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard', ignore: 'pid,hostname,app' } },
    });
  return pino(options);
}
