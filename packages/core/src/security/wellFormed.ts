/**
 * A lone UTF-16 surrogate (`"\ud800"` is valid JSON and a valid JavaScript string) has no UTF-8
 * form: SQLite, files and sockets store U+FFFD in its place, so a value hashed or compared before
 * it is stored no longer matches what was stored. Text that enters Warden from outside goes
 * through here first: each lone surrogate becomes U+FFFD, exactly as the UTF-8 encoder would write
 * it, and everything else is left alone. (`String.prototype.toWellFormed` does the same from
 * ES2024; this works whatever the compile target.)
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** A deep copy of `value` in which every string (object keys too) is well-formed text. */
export function wellFormedDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (depth > 50 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => wellFormedDeep(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[wellFormed(k)] = wellFormedDeep(v, depth + 1);
  return out;
}
