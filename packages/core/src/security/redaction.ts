/**
 * The one redaction used wherever text leaves Warden: the API's answers, `warden config show`,
 * log lines, error messages, audit events and notifications. Two kinds of secret are removed:
 *
 * - **Known values** (API keys, tokens, passwords, and the secret parts of URL settings, see
 *   `configSecrets`): every occurrence is replaced, wherever it appears.
 * - **Secrets inside any URL** (`scheme://…`), known or not: the user-info (`user:pass@`, all of
 *   it, up to the last `@` before the host, so a password containing `@` goes too), every query
 *   value (`?api-key=…`), the fragment, and token-like path segments (a Telegram bot token
 *   `123456789:AA…` or `bot123456789:AA…`, 32+ hex digits such as a UUID, 20+ characters mixing
 *   lower case, upper case and digits, or 40+ URL-safe characters). The scheme, host, port, the
 *   rest of the path and the query's parameter names stay, so the address is still recognisable.
 *
 * Redacting twice gives the same text as redacting once.
 */

export const REDACTED = '[redacted]';

/** Known secret values shorter than this are not searched for in free text (they would match ordinary words). */
export const MIN_KNOWN_SECRET_LENGTH = 6;

/** A URL inside free text: stops at whitespace, quotes, angle brackets, backslashes and backticks. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)}]+$/;
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/is;

const TELEGRAM_TOKEN = /^(?:bot)?\d{5,}:[A-Za-z0-9_-]{30,}$/;
const URL_SAFE = /^[A-Za-z0-9._~+=%-]+$/;

/** A path segment that is a credential rather than a name (see the module comment for the shapes). */
export function isTokenLike(segment: string): boolean {
  if (TELEGRAM_TOKEN.test(segment)) return true;
  if (!URL_SAFE.test(segment)) return false;
  if (/^[0-9a-fA-F-]+$/.test(segment) && segment.replace(/-/g, '').length >= 32) return true;
  if (segment.length >= 20 && /[a-z]/.test(segment) && /[A-Z]/.test(segment) && /\d/.test(segment)) return true;
  return segment.length >= 40;
}

interface UrlParts {
  readonly scheme: string;
  /** Everything before the last `@` of the authority, or null without one. */
  readonly userinfo: string | null;
  readonly host: string;
  readonly path: string;
  /** Without the `?`; null without a query. */
  readonly query: string | null;
  /** Without the `#`; null without a fragment. */
  readonly fragment: string | null;
}

/** Splits a URL as written (no normalisation, so the redacted text matches the original but for the secrets). */
function splitUrl(url: string): UrlParts | null {
  const m = URL_PARTS.exec(url);
  if (!m) return null;
  const authority = m[2] ?? '';
  const at = authority.lastIndexOf('@');
  return {
    scheme: m[1] ?? '',
    userinfo: at >= 0 ? authority.slice(0, at) : null,
    host: at >= 0 ? authority.slice(at + 1) : authority,
    path: m[3] ?? '',
    query: m[4] === undefined ? null : m[4].slice(1),
    fragment: m[5] === undefined ? null : m[5].slice(1),
  };
}

/** A query part without `=` is kept only when it reads as a plain flag name (`?verbose`). */
const redactQueryPart = (part: string): string => {
  const eq = part.indexOf('=');
  if (eq < 0) return /^[A-Za-z0-9_.-]{0,32}$/.test(part) && !isTokenLike(part) ? part : REDACTED;
  return eq === part.length - 1 ? part : `${part.slice(0, eq + 1)}${REDACTED}`;
};

/** One URL with its user-info, query values, fragment and token-like path segments replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const parts = splitUrl(url);
  if (!parts) return url;
  const userinfo = parts.userinfo === null ? '' : `${REDACTED}@`;
  const path = parts.path
    .split('/')
    .map((segment) => (isTokenLike(segment) ? REDACTED : segment))
    .join('/');
  const query = parts.query === null ? '' : `?${parts.query.split('&').map(redactQueryPart).join('&')}`;
  const fragment = parts.fragment === null ? '' : parts.fragment === '' ? '#' : `#${REDACTED}`;
  return `${parts.scheme}${userinfo}${parts.host}${path}${query}${fragment}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The secret parts of one URL (user-info and its password, query values, fragment, token-like segments), raw and decoded. */
export function urlSecrets(url: string): string[] {
  const parts = splitUrl(url);
  if (!parts) return [];
  const found: string[] = [];
  if (parts.userinfo) {
    found.push(parts.userinfo);
    const colon = parts.userinfo.indexOf(':');
    if (colon >= 0) found.push(parts.userinfo.slice(colon + 1));
  }
  for (const part of parts.query?.split('&') ?? []) {
    const eq = part.indexOf('=');
    const value = eq < 0 ? part : part.slice(eq + 1);
    if (redactQueryPart(part) !== part) found.push(value);
  }
  if (parts.fragment) found.push(parts.fragment);
  for (const segment of parts.path.split('/')) if (isTokenLike(segment)) found.push(segment);
  return [...new Set(found.flatMap((s) => [s, safeDecode(s)]))].filter((s) => s.length > 0);
}

/** The forms a secret takes in text: as is, JSON-escaped (log lines, response bodies) and percent-encoded (URLs). */
function spellings(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

/** Every spelling of the usable secrets, longest first (so a secret containing another goes whole). */
function knownSpellings(secrets: readonly string[]): readonly string[] {
  return secrets
    .filter((s) => s.length >= MIN_KNOWN_SECRET_LENGTH)
    .flatMap(spellings)
    .sort((a, b) => b.length - a.length);
}

function redactWith(text: string, known: readonly string[]): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  if (!out.includes('://')) return out;
  return out.replace(URL_IN_TEXT, (match) => {
    const tail = TRAILING_PUNCTUATION.exec(match)?.[0] ?? '';
    return redactUrl(match.slice(0, match.length - tail.length)) + tail;
  });
}

/**
 * Text with every known secret and every secret inside a URL replaced by `[redacted]`.
 * `secrets` shorter than MIN_KNOWN_SECRET_LENGTH are ignored (URLs are still redacted by shape).
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  return redactWith(text, knownSpellings(secrets));
}

/**
 * `redactText` with `secrets` prepared once, for the paths that redact on every request or log
 * line: the same result as `redactText(text, secrets)` for every text. The list is copied when the
 * redactor is made; a secret added to the array later is not seen (make a new redactor).
 */
export function createRedactor(secrets: readonly string[] = []): (text: string) => string {
  const known = knownSpellings(secrets);
  return (text) => redactWith(text, known);
}

/**
 * A deep copy of `value` with `redactText` applied to every string (object keys included).
 * @param secrets the known secrets, or a redactor made once by `createRedactor` (for a caller that
 * redacts often: the audit log redacts every event's inputs).
 */
export function redactDeep(value: unknown, secrets: readonly string[] | ((text: string) => string) = []): unknown {
  return redactDeepWith(value, typeof secrets === 'function' ? secrets : createRedactor(secrets), 0);
}

function redactDeepWith(value: unknown, redact: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > 50) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeepWith(v, redact, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[redact(k)] = redactDeepWith(v, redact, depth + 1);
  return out;
}
