import type { AppConfig } from '@warden/core/config/parseConfig';

export interface StartupFacts {
  readonly version: string;
  readonly config: AppConfig;
  /** Whether apps/web/dist was found (the panel is served) or only the API runs. */
  readonly panel: boolean;
  /** The strategy running now (the database may hold another than TRADING_ACTIVE_STRATEGY). */
  readonly strategy: string;
  readonly state: string;
  /** Every traded pair with its strategy (several pairs are named in the headline). */
  readonly pairs?: ReadonlyArray<{ readonly symbol: string; readonly strategy: string }>;
}

function telegram(config: AppConfig): string {
  if (!config.TELEGRAM_BOT_TOKEN) return 'Telegram off';
  const chats = config.TELEGRAM_CHAT_IDS.length;
  return `Telegram on (${config.TELEGRAM_MODE}, ${chats} chat${chats === 1 ? '' : 's'})`;
}

function advisor(config: AppConfig): string {
  if (config.AI_ENABLED) return `AI advisor ${config.AI_PROVIDER}${config.AI_MODEL ? `/${config.AI_MODEL}` : ''}`;
  return config.AI_FALLBACK_RULES ? 'AI advisor off (rules propose)' : 'advisor off';
}

/**
 * What `warden start` says about itself in three lines instead of its whole configuration (that is
 * at debug level and in `warden config show`): what it trades and how (`headline`), where the panel
 * is (`listeningLine`, one per address), which side services run (`servicesLine`). What it then
 * waits for (the exchange, market data, an operator) is logged as it happens.
 */
export function headline(f: StartupFacts): string {
  const c = f.config;
  const mode = c.TRADING_MODE === 'live' ? 'LIVE trading (real orders)' : 'paper trading';
  const what =
    f.pairs && f.pairs.length > 1
      ? `${f.pairs.length} pairs (${f.pairs.map((p) => `${p.symbol} ${p.strategy}`).join(', ')})`
      : `${c.tradingSymbols[0]} with ${f.strategy}`;
  return `Warden ${f.version}: ${mode} ${what} on ${c.TRADING_TIMEFRAMES.join('+')}, a cycle every ${c.TRADING_CYCLE_SECONDS} s; trading state ${f.state}`;
}

export function listeningLine(f: Pick<StartupFacts, 'config' | 'panel'>, address: string): string {
  const login = f.config.AUTH_ENABLED ? 'login required' : 'no login: local trusted mode';
  return `${f.panel ? 'control panel and API' : 'API (panel not built)'} listening on ${address} (${login})`;
}

export function servicesLine(config: AppConfig): string {
  return `database ${config.DATABASE_PATH}; exchange ${new URL(config.BINANCE_BASE_URL).origin}; ${telegram(config)}; ${advisor(config)}; LOG_LEVEL=${config.LOG_LEVEL} (debug shows the full configuration)`;
}
