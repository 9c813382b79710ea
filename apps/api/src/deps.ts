import type { FastifyWebhookHandler } from '@warden/adapters/telegram/telegramBot';
import type { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { PortfolioReader } from '@warden/core/app/portfolioView';
import type { ActorRef, AdvisorService, ApprovalService, ControlService } from '@warden/core/app/services';
import type { AppConfig } from '@warden/core/config/parseConfig';
import type { Clock } from '@warden/core/ports/clock';
import type { TunableParam } from '@warden/core/strategy/types';
import type { SqliteStore } from '@warden/storage/openStore';
import type { Logger } from 'pino';
import type { MetricsEndpoint } from './routes/metrics/index.js';

/** What a pair's active strategy shows operators: name, parameters, what the advisor may tune, and its own description (grid levels…). */
export interface StrategyInfo {
  readonly name: string;
  readonly params: Record<string, unknown>;
  readonly tunable: readonly TunableParam[];
  readonly describe: Record<string, unknown> | null;
}

/** Placing a manual live order (added by the live-execution work; admin only). */
export interface LiveOrderPlacer {
  place(input: unknown, actor: ActorRef): Promise<unknown>;
}

/**
 * Everything the HTTP layer needs, injected by the caller (`warden start`, tests). The API owns no
 * business logic: routes translate HTTP to these services and back.
 */
export interface ApiDeps {
  readonly config: AppConfig;
  readonly store: SqliteStore;
  readonly control: ControlService;
  readonly approvals: ApprovalService;
  readonly advisor: AdvisorService;
  readonly liveUpdates: LiveUpdates;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The strategy view of one traded pair (the route passes the first pair when none is named). */
  readonly strategyInfo: (symbol: string) => StrategyInfo;
  /**
   * The pair the rows written before several pairs (symbol null) belong to (see
   * `TimeRange.legacySymbol`); default the first of TRADING_SYMBOLS.
   */
  readonly legacySymbol?: string;
  /** GET /api/portfolio; default: `readPortfolio` over `store` and `control.status()`. */
  readonly portfolio?: PortfolioReader;
  /** Built web panel (apps/web/dist) served at `/` with SPA fallback; null when not built. */
  readonly webRoot: string | null;
  readonly liveOrders?: LiveOrderPlacer;
  /** TELEGRAM_MODE=webhook: grammy's handler, mounted at the path of TELEGRAM_WEBHOOK_URL. */
  readonly telegramWebhook?: FastifyWebhookHandler;
  /** Prometheus metrics served at GET /metrics; absent = no such route. */
  readonly metrics?: MetricsEndpoint;
}
