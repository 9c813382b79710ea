import { REDACTED, redactDeep, redactText, urlSecrets } from '../security/redaction.js';
import type { AppConfig } from './parseConfig.js';
import { ENV_KEYS, SECRET_KEYS } from './schema.js';

const LOOKS_LIKE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Every secret value the configuration holds, for `redactText`: the SECRET_KEYS values, and the
 * secret parts (user-info, password, query values, token-like path segments) of every URL-valued
 * setting (BINANCE_BASE_URL, AI_BASE_URL, TELEGRAM_API_URL, TELEGRAM_WEBHOOK_URL, and any later
 * one: a value is URL-valued when it starts with `scheme://`).
 */
export function configSecrets(config: object): string[] {
  const values = config as Readonly<Record<string, unknown>>;
  const found = new Set<string>();
  for (const key of SECRET_KEYS) {
    const value = values[key];
    if (typeof value === 'string' && value.length > 0) found.add(value);
  }
  for (const value of Object.values(values))
    if (typeof value === 'string' && LOOKS_LIKE_URL.test(value)) for (const s of urlSecrets(value)) found.add(s);
  return [...found];
}

/**
 * A copy of the config safe to print or return (`GET /api/config`, `warden config show`, the
 * start-up log line): every SECRET_KEYS value is "[redacted]" (null when unset), every URL-valued
 * setting keeps its address but loses its user-info, query values and token-like path segments,
 * and a known secret that turns up in any other value is redacted there too.
 */
export function redactConfig(config: AppConfig): Record<string, unknown> {
  const secrets = configSecrets(config);
  const out: Record<string, unknown> = {};
  const values = config as unknown as Readonly<Record<string, unknown>>;
  // Schema order, then derived keys (primaryTimeframe); unset secrets are listed as null.
  for (const key of new Set<string>([...ENV_KEYS, ...Object.keys(config)])) {
    const value = values[key];
    if ((SECRET_KEYS as readonly string[]).includes(key)) out[key] = value ? REDACTED : null;
    else if (value === undefined) continue;
    else if (typeof value === 'string') out[key] = redactText(value, secrets);
    else out[key] = redactDeep(value, secrets);
  }
  return out;
}
