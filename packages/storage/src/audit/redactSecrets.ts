/**
 * A last line of defence: whatever a caller puts into an event's inputs, values under keys that
 * name a credential never reach the database.
 */
const SECRET_KEY = /(api[_-]?key|apikey|secret|password|passphrase|^token$|bot[_-]?token|authorization)/i;

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? '[redacted]' : redactSecrets(v, depth + 1);
    return out;
  }
  return value;
}
