import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@warden/testkit/fixtures';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/errors.js';
import { parseConfig, redactConfig } from './parseConfig.js';
import { ENV_KEYS, LIVE_CONFIRM_PHRASE } from './schema.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
}

describe('parseConfig', () => {
  it('gives safe defaults with an empty environment: paper, loopback, auth off, BTC/USDT 5m,4h', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      TRADING_MODE: 'paper',
      HOST: '127.0.0.1',
      PORT: 8080,
      AUTH_ENABLED: false,
      TRADING_SYMBOL: 'BTC/USDT',
      TRADING_TIMEFRAMES: ['5m', '4h'],
      DATABASE_PATH: './data/warden.db',
      primaryTimeframe: '5m',
    });
  });

  // One invalid value per variable: each must be refused with a line naming that variable.
  const invalid: Record<string, string> = {
    TRADING_MODE: 'demo',
    TRADING_SYMBOL: 'btcusdt',
    TRADING_TIMEFRAMES: '5m,7m',
    TRADING_CYCLE_SECONDS: '0',
    TRADING_REQUIRE_DATA_READY: 'maybe',
    TRADING_AUTO_START: 'sometimes',
    TRADING_PAPER_STARTING_EQUITY: '-5',
    TRADING_PAPER_SLIPPAGE_BPS: 'lots',
    TRADING_PAPER_MAX_FILL_SHARE_PCT: '150',
    TRADING_FEE_TAKER_PCT: '50',
    TRADING_FEE_MAKER_PCT: '-1',
    TRADING_GRID_SPACING_MODE: 'fibonacci',
    TRADING_GRID_COOLDOWN_SECONDS: '-1',
    TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'y',
    TRADING_ADVISOR_INTERVAL_CYCLES: '1.5',
    RISK_ORDER_SIZE_PCT: '0',
    RISK_MAX_POSITION_PCT: '101',
    RISK_MAX_ORDER_NOTIONAL: '-1',
    RISK_MAX_OPEN_ORDERS: '2.5',
    RISK_DAILY_LOSS_LIMIT_PCT: '200',
    RISK_MAX_DRAWDOWN_PCT: 'x',
    RISK_MAX_DATA_AGE_SECONDS: '-3',
    PORT: '70000',
    LOG_LEVEL: 'loud',
    BINANCE_BASE_URL: 'not a url',
    BINANCE_TESTNET: 'perhaps',
    BINANCE_RECV_WINDOW_MS: '60001',
    BINANCE_TIME_SYNC_SECONDS: '1',
    LIVE_UNKNOWN_ORDER_POLICY: 'ignore',
    LIVE_RECONCILE_SECONDS: '1',
    LIVE_BALANCE_TOLERANCE_PCT: '101',
    LIVE_EMERGENCY_FLATTEN: 'nah',
    AUTH_ENABLED: 'maybe',
    AUTH_TOKEN_TTL_MINUTES: '0',
    AUTH_LOGIN_MAX_ATTEMPTS: '0',
    AI_ENABLED: 'on',
    AI_PROVIDER: 'mistral',
    AI_BASE_URL: 'ftp:/x',
    AI_TIMEOUT_SECONDS: '0',
    AI_MAX_OUTPUT_TOKENS: '10',
    AI_FALLBACK_RULES: '2',
    APPROVAL_TTL_MINUTES: '0',
    APPROVAL_EXPIRY_POLICY: 'explode',
    TELEGRAM_CHAT_IDS: 'abc',
    TELEGRAM_CHAT_ROLES: '123:god',
    TELEGRAM_API_URL: 'nope',
    TELEGRAM_HEARTBEAT_HOURS: '-1',
    TELEGRAM_NOTIFY: 'fills:loud',
    TELEGRAM_MODE: 'carrier-pigeon',
    TELEGRAM_WEBHOOK_URL: 'x',
    TELEGRAM_QUEUE_MAX: '0',
    TRUST_PROXY: 'true',
  };
  for (const [key, value] of Object.entries(invalid)) {
    it(`refuses ${key}=${value} naming ${key}`, () => {
      const problems = problemsOf({ [key]: value });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.some((p) => p.startsWith(`${key}:`))).toBe(true);
    });
  }

  it('AUTH_ENABLED=maybe gives one line naming AUTH_ENABLED and the allowed values', () => {
    expect(problemsOf({ AUTH_ENABLED: 'maybe' })).toEqual(['AUTH_ENABLED: expected true or false (got "maybe")']);
  });

  it('TRUST_PROXY: false by default; proxy addresses, CIDR ranges and proxy-addr names; never true, * or a hop count', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '127.0.0.1, ::1,10.0.0.0/8 ,fd00::/8,loopback' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '::1',
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    for (const value of ['true', '*', '1', '2'])
      expect(problemsOf({ TRUST_PROXY: value })).toEqual([expect.stringMatching(/^TRUST_PROXY: give the reverse proxy's address\(es\)/)]);
    expect(problemsOf({ TRUST_PROXY: '127.0.0.1,proxy.example,10.0.0.0/33' })).toEqual([
      expect.stringContaining('not an address: proxy.example, 10.0.0.0/33'),
    ]);
  });

  it('a bad URL is echoed with its credentials redacted', () => {
    const problems = problemsOf({ AI_BASE_URL: 'ftp://user:p@ss@llm.example/v1?api-key=sk-0123456789' });
    expect(problems).toEqual([expect.stringContaining('(got "ftp://[redacted]@llm.example/v1?api-key=[redacted]")')]);
  });

  it('reports every bad variable, one line each', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y', TRADING_MODE: 'z' })).toHaveLength(3);
  });

  it('refuses auth without a strong token secret', () => {
    expect(problemsOf({ AUTH_ENABLED: 'true' })[0]).toMatch(/^AUTH_TOKEN_SECRET: must be set/);
    expect(problemsOf({ AUTH_ENABLED: 'true', AUTH_TOKEN_SECRET: 'short' })[0]).toMatch(/^AUTH_TOKEN_SECRET: too weak/);
    expect(problemsOf({ AUTH_ENABLED: 'true', AUTH_TOKEN_SECRET: 'a'.repeat(40) })[0]).toMatch(/too weak/);
    expect(problemsOf({ AUTH_ENABLED: 'true', AUTH_TOKEN_SECRET: '0123456789abcdef0123456789abcdef' })).toEqual([]);
  });

  it('refuses local trusted mode on a non-loopback HOST, saying why', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })[0]).toMatch(/^HOST: AUTH_ENABLED=false is local trusted mode/);
  });

  it('refuses live mode listing every missing gate', () => {
    const [line] = problemsOf({ TRADING_MODE: 'live' });
    expect(line).toMatch(/^TRADING_MODE: live trading refused/);
    expect(line).toContain('BINANCE_API_KEY');
    expect(line).toContain('BINANCE_API_SECRET');
    expect(line).toContain('LIVE_TRADING_CONFIRM');
  });

  it('accepts live mode with every gate open and uses a separate database file', () => {
    const c = parseConfig({
      TRADING_MODE: 'live',
      BINANCE_API_KEY: 'k',
      BINANCE_API_SECRET: 's',
      LIVE_TRADING_CONFIRM: LIVE_CONFIRM_PHRASE,
    });
    expect(c.DATABASE_PATH).toBe('./data/warden-live.db');
    expect(
      problemsOf({
        TRADING_MODE: 'live',
        BINANCE_API_KEY: 'k',
        BINANCE_API_SECRET: 's',
        LIVE_TRADING_CONFIRM: LIVE_CONFIRM_PHRASE,
        DATABASE_PATH: './data/warden.db',
      })[0],
    ).toMatch(/paper database/);
  });

  it('needs the provider key when the advisor is on (except Ollama)', () => {
    expect(problemsOf({ AI_ENABLED: 'true', AI_PROVIDER: 'anthropic' })[0]).toMatch(/ANTHROPIC_API_KEY/);
    expect(problemsOf({ AI_ENABLED: 'true', AI_PROVIDER: 'gemini', GOOGLE_GENERATIVE_AI_API_KEY: 'k' })).toEqual([]);
    expect(problemsOf({ AI_ENABLED: 'true', AI_PROVIDER: 'ollama' })).toEqual([]);
  });

  it('parses lists: timeframes, chat ids, chat roles, notification modes', () => {
    const c = parseConfig({
      TRADING_TIMEFRAMES: '1m, 1h ,4h',
      TELEGRAM_CHAT_IDS: '1,-100200',
      TELEGRAM_CHAT_ROLES: '1:admin',
      TELEGRAM_NOTIFY: 'fills:silent,heartbeat:off',
    });
    expect(c.TRADING_TIMEFRAMES).toEqual(['1m', '1h', '4h']);
    expect(c.TELEGRAM_CHAT_IDS).toEqual(['1', '-100200']);
    expect(c.TELEGRAM_CHAT_ROLES).toEqual({ '1': 'admin' });
    expect(c.TELEGRAM_NOTIFY).toEqual({ fills: 'silent', heartbeat: 'off' });
  });

  it('never echoes a secret value in a problem line', () => {
    const problems = problemsOf({ AUTH_ENABLED: 'true', AUTH_TOKEN_SECRET: 'hunter2' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('webhook mode needs a webhook secret, so forged updates are refused', () => {
    expect(
      problemsOf({ TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_URL: 'https://bot.example/hook' })[0],
    ).toMatch(/^TELEGRAM_WEBHOOK_SECRET: must be set/);
    expect(
      problemsOf({
        TELEGRAM_BOT_TOKEN: '1:x',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example/hook',
        TELEGRAM_WEBHOOK_SECRET: 'short',
      }),
    ).toHaveLength(1);
    expect(
      problemsOf({
        TELEGRAM_BOT_TOKEN: '1:x',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example/hook',
        TELEGRAM_WEBHOOK_SECRET: 'a-long-random-secret_123',
      }),
    ).toEqual([]);
  });

  it('redactConfig drops credentials embedded in URLs', () => {
    const c = parseConfig({ BINANCE_BASE_URL: 'https://alice:s3cret@proxy.example:8443', AI_BASE_URL: 'http://u:p@ollama.local:11434' });
    const r = redactConfig(c);
    expect(r.BINANCE_BASE_URL).toBe('https://[redacted]@proxy.example:8443');
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(JSON.stringify(r)).not.toMatch(/u:p@/);
  });

  it('redactConfig hides every secret', () => {
    const c = parseConfig({ OPENAI_API_KEY: 'sk-canary', TELEGRAM_BOT_TOKEN: '123:canary' });
    const json = JSON.stringify(redactConfig(c));
    expect(json).not.toContain('canary');
    expect(redactConfig(c).OPENAI_API_KEY).toBe('[redacted]');
    expect(redactConfig(c).ANTHROPIC_API_KEY).toBeNull();
  });

  it('.env.example documents every variable', () => {
    const example = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    const missing = ENV_KEYS.filter((k) => !new RegExp(`^${k}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});

describe('several pairs', () => {
  it('reads TRADING_SYMBOLS, and TRADING_SYMBOL as a list of one', () => {
    expect(parseConfig({}).tradingSymbols).toEqual(['BTC/USDT']);
    expect(parseConfig({ TRADING_SYMBOL: 'ETH/USDT' }).tradingSymbols).toEqual(['ETH/USDT']);
    expect(parseConfig({ TRADING_SYMBOLS: 'BTC/USDT, ETH/USDT,SOL/USDT' }).tradingSymbols).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    // TRADING_SYMBOL then names the first pair, not the schema's default.
    expect(parseConfig({ TRADING_SYMBOLS: 'ETH/USDT,SOL/USDT' }).TRADING_SYMBOL).toBe('ETH/USDT');
  });

  it.each([
    [{ TRADING_SYMBOLS: 'BTC/USDT,ETH/BTC' }, /TRADING_SYMBOLS: every pair must be quoted in the same asset.*USDT, BTC/],
    [{ TRADING_SYMBOLS: 'BTC/USDT,BTC/USDT' }, /TRADING_SYMBOLS: each pair once; repeated: BTC\/USDT/],
    [{ TRADING_SYMBOLS: 'btcusdt' }, /TRADING_SYMBOLS: expected BASE\/QUOTE/],
    [{ TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT', TRADING_SYMBOL: 'SOL/USDT' }, /TRADING_SYMBOL: SOL\/USDT is not the first of TRADING_SYMBOLS/],
    [{ TRADING_PAIR_STRATEGIES: 'ETH/USDT=ema_crossover' }, /TRADING_PAIR_STRATEGIES: ETH\/USDT is not one of the traded pairs/],
    [{ TRADING_PAIR_STRATEGIES: 'ETH/USDT:grid' }, /TRADING_PAIR_STRATEGIES: expected PAIR=strategy/],
    [{ TRADING_PAIR_PARAMS: '{"ETH/USDT":5}' }, /TRADING_PAIR_PARAMS: expected a JSON object/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('takes per-pair strategies and parameters for listed pairs', () => {
    const config = parseConfig({
      TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT',
      TRADING_PAIR_STRATEGIES: 'ETH/USDT=ema_crossover',
      TRADING_PAIR_PARAMS: '{"ETH/USDT":{"fast_period":9}}',
    });
    expect(config.TRADING_PAIR_STRATEGIES).toEqual({ 'ETH/USDT': 'ema_crossover' });
    expect(config.TRADING_PAIR_PARAMS).toEqual({ 'ETH/USDT': { fast_period: 9 } });
  });
});
