import { redactText as redactUrlCredentials } from '../security/redaction.js';

/**
 * Scrubs anything secret-looking from untrusted text before it is audited or shown. The model's raw
 * output is stored for review, and a prompt-injected model may try to echo credentials; known
 * secret values are removed exactly, well-known key shapes by pattern.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /sk-[A-Za-z0-9_-]{16,}/g, // OpenAI, Anthropic (sk-ant-…)
  /AIza[0-9A-Za-z_-]{30,}/g, // Google API keys
  /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
  /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g, // Telegram bot tokens
  /\b[A-Za-z0-9]{64}\b/g, // Binance API keys and secrets
];

const SECRET_FIELD = /(api[_-]?key|secret|password|token|authorization)/i;

export const REDACTED = '[REDACTED]';

export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
  // And the credentials inside any URL, as everywhere else (security/redaction.ts).
  return redactUrlCredentials(out);
}

/** A deep copy of `value` with secret-looking strings and secret-named fields replaced. */
export function redactSecrets(value: unknown, knownSecrets: readonly string[] = [], depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (typeof value === 'string') return redactText(value, knownSecrets);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, knownSecrets, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[redactText(key, knownSecrets)] =
        SECRET_FIELD.test(key) && typeof v === 'string' ? REDACTED : redactSecrets(v, knownSecrets, depth + 1);
    }
    return out;
  }
  return value;
}
