import { z } from 'zod';
import { isTimeframe, type Timeframe } from '../domain/market.js';

/**
 * Every environment variable Warden reads, with its default. The schema is the single source of
 * truth: `.env.example`, `warden config show` and the README table are checked against it.
 * Values arrive as strings (environment, `.env`), so every field parses from a string.
 */

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const num = (def: number, opts: { min?: number; max?: number; int?: boolean } = {}) => {
  let s = z.coerce.number({ error: 'expected a number' });
  if (opts.int) s = s.int({ error: 'expected a whole number' });
  if (opts.min !== undefined) s = s.min(opts.min, { error: `must be at least ${opts.min}` });
  if (opts.max !== undefined) s = s.max(opts.max, { error: `must be at most ${opts.max}` });
  return z.preprocess((v) => (v === '' || v === undefined ? def : v), s);
};

const optionalSecret = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const optionalString = optionalSecret;

const url = (def: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? def : v),
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).transform((u) => u.replace(/\/+$/, '')),
  );

const symbol = z
  .string()
  .default('BTC/USDT')
  .refine((s) => /^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/.test(s), { error: 'expected BASE/QUOTE in capitals, e.g. BTC/USDT' });

const SYMBOL_PATTERN = /^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/;

/** TRADING_SYMBOLS: several pairs traded at once under one risk budget (unset: TRADING_SYMBOL alone). */
const symbolList = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const list = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const bad = list.filter((p) => !SYMBOL_PATTERN.test(p));
      if (list.length === 0 || bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `expected BASE/QUOTE pairs in capitals, comma-separated, e.g. BTC/USDT,ETH/USDT${bad.length > 0 ? `; not a pair: ${bad.join(', ')}` : ''}`,
        });
        return z.NEVER;
      }
      const repeated = list.filter((p, i) => list.indexOf(p) !== i);
      if (repeated.length > 0) {
        ctx.addIssue({ code: 'custom', message: `each pair once; repeated: ${[...new Set(repeated)].join(', ')}` });
        return z.NEVER;
      }
      return list;
    }),
);

/** TRADING_PAIR_STRATEGIES: `ETH/USDT=ema_crossover,SOL/USDT=rsi_mean_reversion` — a strategy per pair. */
const pairStrategies = z
  .string()
  .default('')
  .transform((s, ctx): Readonly<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const item of s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [pair, strategy, extra] = item.split('=').map((p) => p.trim());
      if (!pair || !SYMBOL_PATTERN.test(pair) || !strategy || extra !== undefined) {
        ctx.addIssue({ code: 'custom', message: `expected PAIR=strategy items, e.g. ETH/USDT=ema_crossover; got "${item}"` });
        return z.NEVER;
      }
      out[pair] = strategy;
    }
    return out;
  });

/** TRADING_PAIR_PARAMS: a JSON object of strategy parameters per pair, e.g. {"ETH/USDT":{"fast_period":9}}. */
const pairParams = z
  .string()
  .default('')
  .transform((s, ctx): Readonly<Record<string, Readonly<Record<string, unknown>>>> => {
    if (s.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON object like {"ETH/USDT":{"fast_period":9}}' });
      return z.NEVER;
    }
    const ok =
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.entries(parsed).every(([k, v]) => SYMBOL_PATTERN.test(k) && v !== null && typeof v === 'object' && !Array.isArray(v));
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON object of pair → parameter object, like {"ETH/USDT":{"fast_period":9}}' });
      return z.NEVER;
    }
    return parsed as Record<string, Record<string, unknown>>;
  });

const timeframes = z
  .string()
  .default('5m,4h')
  .transform((s, ctx) => {
    const parts = s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => !isTimeframe(p));
    if (parts.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a comma-separated list of timeframes such as 5m,4h (unknown: ${bad.join(', ') || 'none given'})`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as Timeframe[];
  });

export const NOTIFICATION_TYPES = ['orders', 'fills', 'state', 'risk', 'approvals', 'errors', 'lifecycle', 'heartbeat'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export type NotificationMode = 'on' | 'off' | 'silent';

const notifyList = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const out: Partial<Record<NotificationType, NotificationMode>> = {};
    for (const item of s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [type, mode] = item.split(':');
      if (!(NOTIFICATION_TYPES as readonly string[]).includes(type ?? '') || !['on', 'off', 'silent'].includes(mode ?? '')) {
        ctx.addIssue({
          code: 'custom',
          message: `expected type:mode pairs (types ${NOTIFICATION_TYPES.join('|')}, modes on|off|silent), got "${item}"`,
        });
        return z.NEVER;
      }
      out[type as NotificationType] = mode as NotificationMode;
    }
    return out;
  });

const chatIds = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const ids = s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (ids.some((id) => !/^-?\d+$/.test(id))) {
      ctx.addIssue({ code: 'custom', message: 'expected a comma-separated list of numeric chat ids' });
      return z.NEVER;
    }
    return ids;
  });

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const chatRoles = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const out: Record<string, Role> = {};
    for (const item of s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [id, role] = item.split(':');
      if (!id || !/^-?\d+$/.test(id) || !(ROLES as readonly string[]).includes(role ?? '')) {
        ctx.addIssue({ code: 'custom', message: `expected chatid:role pairs with role viewer|operator|admin, got "${item}"` });
        return z.NEVER;
      }
      out[id] = role as Role;
    }
    return out;
  });

/** Address names proxy-addr (fastify's trustProxy) understands besides addresses and CIDR ranges. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const isProxyAddress = (entry: string) =>
  PROXY_NAMES.includes(entry) || [z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()].some((format) => format.safeParse(entry).success);

/**
 * TRUST_PROXY: whose X-Forwarded-For to believe when telling clients apart (login throttling, the
 * audit's ip). `false` (default): nobody's, the client is the TCP peer. Otherwise a comma-separated
 * list of the reverse proxies' addresses / CIDR ranges (or loopback, linklocal, uniquelocal): the
 * client is then the last address in X-Forwarded-For that is not one of them. `true` and hop counts
 * are refused: they would let a client that reaches Warden directly name its own address and
 * escape the login throttle (fastify itself no longer honours hop counts for that reason).
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((raw, ctx): false | string[] => {
    const s = raw.trim();
    if (s === '' || s === 'false') return false;
    if (s === 'true' || s === '*' || /^\d+$/.test(s)) {
      ctx.addIssue({
        code: 'custom',
        message:
          "give the reverse proxy's address(es), e.g. 127.0.0.1 or 10.0.0.0/8: true or a hop count would believe any client's X-Forwarded-For (a guesser could pose as a new client on every try)",
      });
      return z.NEVER;
    }
    const entries = s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected false or the proxies' addresses / CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated; not an address: ${bad.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** Chat id → user id → role: who may act in a group chat (TELEGRAM_GROUP_USERS). */
export type TelegramGroupUsers = Readonly<Record<string, Readonly<Record<string, Role>>>>;

/**
 * `chatid:userid:role` triples, e.g. `-1001234567890:42:admin,-1001234567890:43:operator`. How
 * these combine with TELEGRAM_CHAT_ROLES, and which combinations are refused, is in
 * `telegramAccessRules.ts`.
 */
const groupUsers = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const out: Record<string, Record<string, Role>> = {};
    for (const item of s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [chat, user, role, extra] = item.split(':');
      if (
        !chat ||
        !/^-\d+$/.test(chat) ||
        !user ||
        !/^\d+$/.test(user) ||
        !(ROLES as readonly string[]).includes(role ?? '') ||
        extra !== undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `expected groupchatid:userid:role triples (a group chat id is negative; role viewer|operator|admin), got "${item}"`,
        });
        return z.NEVER;
      }
      const users = out[chat] ?? {};
      out[chat] = users;
      if (users[user] !== undefined) {
        ctx.addIssue({ code: 'custom', message: `user ${user} is listed twice for chat ${chat}` });
        return z.NEVER;
      }
      users[user] = role as Role;
    }
    return out as TelegramGroupUsers;
  });

/** The phrase an operator must type into LIVE_TRADING_CONFIRM to allow live orders. */
export const LIVE_CONFIRM_PHRASE = 'I understand that live trading risks real money';

export const envSchema = z.object({
  // --- trading -----------------------------------------------------------------------------
  TRADING_MODE: z.enum(['paper', 'live'], { error: 'expected paper or live' }).default('paper'),
  TRADING_SYMBOL: symbol,
  TRADING_SYMBOLS: symbolList,
  TRADING_PAIR_STRATEGIES: pairStrategies,
  TRADING_PAIR_PARAMS: pairParams,
  TRADING_TIMEFRAMES: timeframes,
  TRADING_CYCLE_SECONDS: num(10, { min: 1, max: 86_400 }),
  TRADING_ACTIVE_STRATEGY: z.string().min(1).default('smart_grid_ai'),
  TRADING_REQUIRE_DATA_READY: bool(true),
  TRADING_AUTO_START: bool(true),
  TRADING_PAPER_STARTING_EQUITY: num(10_000, { min: 0.00000001 }),
  TRADING_PAPER_SLIPPAGE_BPS: num(5, { min: 0, max: 1000 }),
  /** Percent of a candle's traded volume a resting paper limit order may fill per candle; 0 = no cap (fills in full). */
  TRADING_PAPER_MAX_FILL_SHARE_PCT: num(10, { min: 0, max: 100 }),
  TRADING_FEE_TAKER_PCT: num(0.1, { min: 0, max: 5 }),
  TRADING_FEE_MAKER_PCT: num(0.1, { min: 0, max: 5 }),
  TRADING_GRID_SPACING_MODE: z.enum(['geometric', 'arithmetic'], { error: 'expected geometric or arithmetic' }).default('geometric'),
  TRADING_GRID_COOLDOWN_SECONDS: num(60, { min: 0, max: 86_400 }),
  TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: bool(false),
  TRADING_ADVISOR_INTERVAL_CYCLES: num(360, { min: 0, int: true }),
  // --- risk --------------------------------------------------------------------------------
  RISK_ORDER_SIZE_PCT: num(10, { min: 0.01, max: 100 }),
  RISK_MAX_POSITION_PCT: num(50, { min: 0, max: 100 }),
  RISK_MAX_TOTAL_EXPOSURE_PCT: num(100, { min: 1, max: 100 }),
  RISK_MAX_ORDER_NOTIONAL: num(1_000, { min: 0 }),
  RISK_MAX_OPEN_ORDERS: num(10, { min: 0, int: true }),
  RISK_DAILY_LOSS_LIMIT_PCT: num(5, { min: 0, max: 100 }),
  RISK_MAX_DRAWDOWN_PCT: num(20, { min: 0, max: 100 }),
  RISK_MAX_DATA_AGE_SECONDS: num(0, { min: 0 }),
  // --- storage, server, logging ------------------------------------------------------------
  DATABASE_PATH: optionalString,
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: num(8080, { min: 0, max: 65_535, int: true }),
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected fatal|error|warn|info|debug|trace|silent' })
    .default('info'),
  // --- exchange ----------------------------------------------------------------------------
  BINANCE_BASE_URL: url('https://api.binance.com'),
  BINANCE_TESTNET: bool(false),
  BINANCE_API_KEY: optionalSecret,
  BINANCE_API_SECRET: optionalSecret,
  BINANCE_RECV_WINDOW_MS: num(5_000, { min: 1, max: 60_000, int: true }),
  BINANCE_TIME_SYNC_SECONDS: num(300, { min: 10 }),
  LIVE_TRADING_CONFIRM: optionalString,
  LIVE_UNKNOWN_ORDER_POLICY: z.enum(['report', 'adopt', 'cancel'], { error: 'expected report, adopt or cancel' }).default('report'),
  LIVE_RECONCILE_SECONDS: num(60, { min: 5 }),
  LIVE_BALANCE_TOLERANCE_PCT: num(1, { min: 0, max: 100 }),
  LIVE_EMERGENCY_FLATTEN: bool(false),
  // --- auth --------------------------------------------------------------------------------
  AUTH_ENABLED: bool(false),
  AUTH_TOKEN_SECRET: optionalSecret,
  AUTH_TOKEN_TTL_MINUTES: num(60, { min: 1, max: 10_080, int: true }),
  AUTH_LOGIN_MAX_ATTEMPTS: num(5, { min: 1, max: 1000, int: true }),
  /** Bearer token a Prometheus server may use for GET /metrics instead of a login token. */
  METRICS_SCRAPE_TOKEN: optionalSecret,
  // --- AI advisor and approvals ------------------------------------------------------------
  AI_ENABLED: bool(false),
  AI_PROVIDER: z
    .enum(['openai', 'anthropic', 'gemini', 'ollama'], { error: 'expected openai, anthropic, gemini or ollama' })
    .default('openai'),
  AI_MODEL: optionalString,
  AI_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  ),
  OPENAI_API_KEY: optionalSecret,
  ANTHROPIC_API_KEY: optionalSecret,
  GEMINI_API_KEY: optionalSecret,
  GOOGLE_GENERATIVE_AI_API_KEY: optionalSecret,
  AI_TIMEOUT_SECONDS: num(30, { min: 1, max: 600 }),
  AI_MAX_OUTPUT_TOKENS: num(1_000, { min: 50, max: 32_000, int: true }),
  AI_FALLBACK_RULES: bool(true),
  APPROVAL_TTL_MINUTES: num(60, { min: 1, max: 10_080 }),
  APPROVAL_EXPIRY_POLICY: z.enum(['none', 'pause', 'emergency_stop'], { error: 'expected none, pause or emergency_stop' }).default('none'),
  // --- Telegram ----------------------------------------------------------------------------
  TELEGRAM_BOT_TOKEN: optionalSecret,
  TELEGRAM_CHAT_IDS: chatIds,
  TELEGRAM_CHAT_ROLES: chatRoles,
  TELEGRAM_GROUP_USERS: groupUsers,
  TELEGRAM_API_URL: url('https://api.telegram.org'),
  TELEGRAM_HEARTBEAT_HOURS: num(6, { min: 0, max: 720 }),
  TELEGRAM_NOTIFY: notifyList,
  TELEGRAM_MODE: z.enum(['polling', 'webhook'], { error: 'expected polling or webhook' }).default('polling'),
  TELEGRAM_WEBHOOK_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  ),
  TELEGRAM_WEBHOOK_SECRET: optionalSecret,
  TELEGRAM_QUEUE_MAX: num(200, { min: 1, max: 100_000, int: true }),
});

export type EnvConfig = z.infer<typeof envSchema>;
export type EnvKey = keyof typeof envSchema.shape;
export const ENV_KEYS = Object.keys(envSchema.shape) as EnvKey[];

/** Variables whose values are never printed, logged or returned by the API. */
export const SECRET_KEYS: readonly EnvKey[] = [
  'BINANCE_API_KEY',
  'BINANCE_API_SECRET',
  'AUTH_TOKEN_SECRET',
  'METRICS_SCRAPE_TOKEN',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_GENERATIVE_AI_API_KEY',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
];
