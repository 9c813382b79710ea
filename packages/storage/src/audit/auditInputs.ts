import { REDACTED_VALUE, SECRET_KEY, TOO_DEEP, TOO_DEEP_AT } from './redactSecrets.js';

/** What the audit log does to every string of an event's inputs: well-formed text, secrets redacted. */
export type CleanText = (text: string) => string;

/**
 * An event's inputs as the audit log stores and hashes them, made in one walk:
 *
 *   canonicalJson(redactDeep(wellFormedDeep(redactSecrets(inputs)), redact))
 *
 * which is how they were written before (four deep copies, then `JSON.stringify`), and which it
 * equals for every value: values under credential-like keys are `[redacted]`, nesting deeper than
 * 20 levels is `[too deep]`, every string and key is made well-formed and redacted, keys are sorted,
 * undefined values dropped and bigints written as strings. A paper cycle writes such an event every
 * cycle, and the copies were half of what a cycle allocated.
 *
 * The exactness covers the odd cases too (property-tested against the composition): a `__proto__`
 * key is dropped as an assignment drops it, and when cleaning makes two keys of one object equal,
 * the one the copies would have kept wins.
 * @param text the log's `wellFormed` and `redact` (with its secrets), apart: keys need each.
 * @returns the function that turns one event's inputs into their stored JSON.
 */
export function auditInputsJson(text: { wellFormed: CleanText; redact: CleanText }): (inputs: unknown) => string {
  const clean = (s: string) => text.redact(text.wellFormed(s));
  const walker = new Walker(text.wellFormed, text.redact, clean(REDACTED_VALUE), clean(TOO_DEEP));
  return (inputs) => JSON.stringify(walker.value(inputs, 0)) ?? 'null';
}

class Walker {
  constructor(
    private readonly wellFormed: CleanText,
    private readonly redact: CleanText,
    private readonly redacted: string,
    private readonly tooDeep: string,
  ) {}

  value(v: unknown, depth: number): unknown {
    if (depth > TOO_DEEP_AT) return this.tooDeep;
    if (Array.isArray(v)) return v.map((x) => this.value(x, depth + 1));
    if (typeof v === 'string') return this.redact(this.wellFormed(v));
    if (v !== null && typeof v === 'object') return this.object(v as Record<string, unknown>, depth);
    if (typeof v === 'bigint') return v.toString();
    return v;
  }

  /** A value under key `k`: redacted when the key names a credential and the value is not empty. */
  entry(k: string, v: unknown, depth: number): unknown {
    return SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? this.redacted : this.value(v, depth + 1);
  }

  object(v: Record<string, unknown>, depth: number): Record<string, unknown> {
    const keys = Object.keys(v);
    // Values read once, in the order the copies read them (Object.entries order).
    const values = keys.map((k) => v[k]);
    let keysChange = false;
    for (const k of keys) {
      if (k === '__proto__' || this.wellFormed(k) !== k || this.redact(k) !== k) {
        keysChange = true;
        break;
      }
    }
    const out: Record<string, unknown> = {};
    if (!keysChange) {
      for (const i of sortedIndexes(keys)) {
        const k = keys[i] as string;
        const x = this.entry(k, values[i], depth);
        if (x !== undefined) out[k] = x;
      }
      return out;
    }
    // Some key changes: the copies' assignments decide which source key each final key keeps.
    const index = new Map(keys.map((k, i) => [k, i]));
    const afterWellFormed: Record<string, string> = {};
    for (const k of keys) if (k !== '__proto__') afterWellFormed[this.wellFormed(k)] = k;
    const afterRedact: Record<string, string> = {};
    for (const k2 of Object.keys(afterWellFormed)) afterRedact[this.redact(k2)] = afterWellFormed[k2] as string;
    for (const k3 of Object.keys(afterRedact).sort()) {
      const source = afterRedact[k3] as string;
      const x = this.entry(source, values[index.get(source) as number], depth);
      if (x !== undefined) out[k3] = x;
    }
    return out;
  }
}

/**
 * Indexes of `keys` in `Array.prototype.sort`'s default order for strings (by UTF-16 code units).
 * An event's objects have a few keys: an insertion sort into one array allocates less than `sort`.
 */
function sortedIndexes(keys: readonly string[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = order.length;
    order.push(i);
    for (; j > 0 && (keys[order[j - 1] as number] as string) > k; j--) order[j] = order[j - 1] as number;
    order[j] = i;
  }
  return order;
}
