import { ConfigError } from '../errors/errors.js';
import { type EnvConfig, envSchema, LIVE_CONFIRM_PHRASE, SECRET_KEYS } from './schema.js';

export interface AppConfig extends EnvConfig {
  /** Resolved database file: DATABASE_PATH, or a mode-specific default so paper and live never share a file. */
  readonly DATABASE_PATH: string;
  readonly primaryTimeframe: EnvConfig['TRADING_TIMEFRAMES'][number];
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
      return `${key}: ${issue.message}${got !== undefined && !SECRET_KEYS.includes(key as never) ? ` (got "${got}")` : ''}`;
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

  if (problems.length > 0) throw new ConfigError(problems);

  const primaryTimeframe = env.TRADING_TIMEFRAMES[0];
  if (!primaryTimeframe) throw new ConfigError(['TRADING_TIMEFRAMES: at least one timeframe is required']);
  return {
    ...env,
    DATABASE_PATH: env.DATABASE_PATH ?? (env.TRADING_MODE === 'live' ? './data/warden-live.db' : './data/warden.db'),
    primaryTimeframe,
  };
}

/** A copy of the config safe to print or return: every secret replaced by "[redacted]" (or null when unset). */
export function redactConfig(config: AppConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) out[key] = config[key] ? '[redacted]' : null;
  // A proxy URL may carry credentials (https://user:pass@proxy): keep the address, drop the userinfo.
  for (const [key, value] of Object.entries(out)) {
    if (key.endsWith('_URL') && typeof value === 'string') out[key] = value.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1[redacted]@');
  }
  return out;
}
