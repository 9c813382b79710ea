import { ConfigError } from '../errors/errors.js';
import { redactText } from '../security/redaction.js';
import { type EnvConfig, envSchema, LIVE_CONFIRM_PHRASE, SECRET_KEYS } from './schema.js';
import { telegramAccessProblems } from './telegramAccessRules.js';

export interface AppConfig extends EnvConfig {
  /** Resolved database file: DATABASE_PATH, or a mode-specific default so paper and live never share a file. */
  readonly DATABASE_PATH: string;
  readonly primaryTimeframe: EnvConfig['TRADING_TIMEFRAMES'][number];
  /**
   * The pairs traded, in order: TRADING_SYMBOLS, or TRADING_SYMBOL as a list of one. All share one
   * quote asset (one budget, one currency).
   */
  readonly tradingSymbols: readonly string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const MIN_TOKEN_SECRET_LENGTH = 32;

/** What the live-trading gate still lacks; empty when every gate is open. */
export function liveGateProblems(env: EnvConfig): string[] {
  const missing: string[] = [];
  if (env.TRADING_MODE !== 'live') missing.push('TRADING_MODE must be "live"');
  if (!env.BINANCE_API_KEY) missing.push('BINANCE_API_KEY is not set');
  if (!env.BINANCE_API_SECRET) missing.push('BINANCE_API_SECRET is not set');
  if (env.LIVE_TRADING_CONFIRM !== LIVE_CONFIRM_PHRASE) missing.push(`LIVE_TRADING_CONFIRM must equal "${LIVE_CONFIRM_PHRASE}"`);
  if (env.DATABASE_PATH && /(^|[/\\])warden\.db$/.test(env.DATABASE_PATH)) {
    missing.push('DATABASE_PATH points at the paper database (warden.db); live trading needs its own file');
  }
  return missing;
}

/**
 * Parses and cross-checks the environment. Throws a ConfigError whose `problems` hold one line per
 * bad variable ("AUTH_ENABLED: expected true or false, got "maybe"").
 */
export function parseConfig(raw: Readonly<Record<string, string | undefined>>): AppConfig {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '(config)');
      const got = raw[key];
      // The value is echoed to help fix it, except secrets, and with a URL's credentials redacted.
      const shown = got !== undefined && !SECRET_KEYS.includes(key as never) ? ` (got "${redactText(got)}")` : '';
      return `${key}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const env = result.data;
  const problems: string[] = [];

  if (env.AUTH_ENABLED) {
    if (!env.AUTH_TOKEN_SECRET) problems.push('AUTH_TOKEN_SECRET: must be set when AUTH_ENABLED=true (e.g. `openssl rand -hex 32`)');
    else if (env.AUTH_TOKEN_SECRET.length < MIN_TOKEN_SECRET_LENGTH || new Set(env.AUTH_TOKEN_SECRET).size < 10) {
      problems.push(
        `AUTH_TOKEN_SECRET: too weak; use at least ${MIN_TOKEN_SECRET_LENGTH} random characters (e.g. \`openssl rand -hex 32\`)`,
      );
    }
  } else if (!LOOPBACK.has(env.HOST)) {
    problems.push(
      `HOST: AUTH_ENABLED=false is local trusted mode and only listens on loopback (127.0.0.1); set AUTH_ENABLED=true to listen on ${env.HOST}`,
    );
  }

  if (env.METRICS_SCRAPE_TOKEN !== undefined && env.METRICS_SCRAPE_TOKEN.length < MIN_TOKEN_SECRET_LENGTH)
    problems.push(
      `METRICS_SCRAPE_TOKEN: too short; use at least ${MIN_TOKEN_SECRET_LENGTH} random characters (e.g. \`openssl rand -hex 32\`)`,
    );

  if (env.TRADING_MODE === 'live') {
    const gate = liveGateProblems(env);
    if (gate.length > 0) problems.push(`TRADING_MODE: live trading refused; missing: ${gate.join('; ')}`);
  }

  if (env.AI_ENABLED) {
    const keyFor = {
      openai: env.OPENAI_API_KEY,
      anthropic: env.ANTHROPIC_API_KEY,
      gemini: env.GEMINI_API_KEY ?? env.GOOGLE_GENERATIVE_AI_API_KEY,
      ollama: 'not needed',
    }[env.AI_PROVIDER];
    if (!keyFor) {
      const name = {
        openai: 'OPENAI_API_KEY',
        anthropic: 'ANTHROPIC_API_KEY',
        gemini: 'GEMINI_API_KEY (or GOOGLE_GENERATIVE_AI_API_KEY)',
        ollama: '',
      }[env.AI_PROVIDER];
      problems.push(`AI_ENABLED: AI_PROVIDER=${env.AI_PROVIDER} needs ${name}`);
    }
  }

  if (env.TELEGRAM_MODE === 'webhook' && env.TELEGRAM_BOT_TOKEN) {
    if (!env.TELEGRAM_WEBHOOK_URL) problems.push('TELEGRAM_WEBHOOK_URL: must be set when TELEGRAM_MODE=webhook');
    // Without the secret anyone who learns the URL could post updates claiming to come from an operator's chat.
    if (!env.TELEGRAM_WEBHOOK_SECRET || !/^[A-Za-z0-9_-]{16,256}$/.test(env.TELEGRAM_WEBHOOK_SECRET)) {
      problems.push(
        'TELEGRAM_WEBHOOK_SECRET: must be set when TELEGRAM_MODE=webhook: 16-256 letters, digits, _ or - (Telegram sends it with every update; requests without it are refused)',
      );
    }
  }

  problems.push(...telegramAccessProblems(env));
  problems.push(...pairProblems(env, raw));

  if (problems.length > 0) throw new ConfigError(problems);

  const primaryTimeframe = env.TRADING_TIMEFRAMES[0];
  if (!primaryTimeframe) throw new ConfigError(['TRADING_TIMEFRAMES: at least one timeframe is required']);
  return {
    ...env,
    DATABASE_PATH: env.DATABASE_PATH ?? (env.TRADING_MODE === 'live' ? './data/warden-live.db' : './data/warden.db'),
    primaryTimeframe,
    tradingSymbols: env.TRADING_SYMBOLS ?? [env.TRADING_SYMBOL],
    // With only TRADING_SYMBOLS set, the single-pair setting names its first pair (not the schema's default).
    TRADING_SYMBOL: env.TRADING_SYMBOLS?.[0] ?? env.TRADING_SYMBOL,
  };
}

/** TRADING_SYMBOLS against TRADING_SYMBOL and the per-pair settings: one line per problem. */
function pairProblems(env: EnvConfig, raw: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  const symbols = env.TRADING_SYMBOLS ?? [env.TRADING_SYMBOL];
  if (env.TRADING_SYMBOLS && raw.TRADING_SYMBOL !== undefined && raw.TRADING_SYMBOL !== '' && env.TRADING_SYMBOLS[0] !== env.TRADING_SYMBOL)
    problems.push(
      `TRADING_SYMBOL: ${env.TRADING_SYMBOL} is not the first of TRADING_SYMBOLS (${env.TRADING_SYMBOLS.join(',')}); set one of them`,
    );
  const quotes = [...new Set(symbols.map((s) => s.split('/')[1]))];
  if (quotes.length > 1)
    problems.push(`TRADING_SYMBOLS: every pair must be quoted in the same asset (one budget, one currency); got ${quotes.join(', ')}`);
  for (const pair of Object.keys(env.TRADING_PAIR_STRATEGIES))
    if (!symbols.includes(pair)) problems.push(`TRADING_PAIR_STRATEGIES: ${pair} is not one of the traded pairs (${symbols.join(',')})`);
  for (const pair of Object.keys(env.TRADING_PAIR_PARAMS))
    if (!symbols.includes(pair)) problems.push(`TRADING_PAIR_PARAMS: ${pair} is not one of the traded pairs (${symbols.join(',')})`);
  return problems;
}

export { configSecrets, redactConfig } from './redactConfig.js';
