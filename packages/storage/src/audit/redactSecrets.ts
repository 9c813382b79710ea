/**
 * A last line of defence: whatever a caller puts into an event's inputs, values under keys that
 * name a credential never reach the database.
 */
export const SECRET_KEY = /(api[_-]?key|apikey|secret|password|passphrase|^token$|bot[_-]?token|authorization)/i;
/** What a value under a credential-like key becomes. */
export const REDACTED_VALUE = '[redacted]';
/** What a value nested deeper than TOO_DEEP_AT levels becomes. */
export const TOO_DEEP = '[too deep]';
export const TOO_DEEP_AT = 20;

/**
 * A deep copy of `value` with every non-empty value under a credential-like key replaced by
 * `[redacted]`, and anything nested deeper than 20 levels by `[too deep]`. (The audit log applies
 * it, with the rest of its cleaning, in one walk: `auditInputsJson`.)
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > TOO_DEEP_AT) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? REDACTED_VALUE : redactSecrets(v, depth + 1);
    return out;
  }
  return value;
}
