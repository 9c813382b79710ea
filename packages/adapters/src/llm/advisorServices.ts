import { AdvisorServiceImpl } from '@warden/core/advisor/advisorService';
import type { WalkForwardRunner, WhatIfRunner } from '@warden/core/advisor/llmAdvisorPort';
import { loadAdvisorInput } from '@warden/core/advisor/loadAdvisorInput';
import type { ServiceLogger } from '@warden/core/advisor/logger';
import { PortfolioAdvisor } from '@warden/core/advisor/portfolioAdvisor';
import { registryCatalog } from '@warden/core/advisor/registryCatalog';
import type { StrategyCatalog } from '@warden/core/advisor/strategyCatalog';
import type { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { AdvisorService, ControlService } from '@warden/core/app/services';
import { ApprovalServiceImpl } from '@warden/core/approvals/approvalService';
import { ApprovalExpiryChecker } from '@warden/core/approvals/expiryChecker';
import { type AppConfig, configSecrets } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { Clock } from '@warden/core/ports/clock';
import type { Notifier } from '@warden/core/ports/notifier';
import type { Store } from '@warden/core/ports/store';
import type { StrategySettings } from '@warden/core/strategy/types';
import { lazyLlmAdvisor } from './lazyLlmAdvisor.js';

/** One traded pair as its advisor sees it. */
export interface AdvisorPairWiring {
  readonly symbol: string;
  /** The pair's scoped store (`pairStore`): its strategy, parameters and strategy state. */
  readonly store: Store;
  /** The pair's strategy settings (its symbol, timeframes, fees). */
  readonly settings: StrategySettings;
  /** Its strategy while its config has none (TRADING_PAIR_STRATEGIES, else TRADING_ACTIVE_STRATEGY). */
  readonly defaultStrategy: string;
  /** Backtests of the pair's current and proposed settings on its own candles. */
  readonly whatIf?: WhatIfRunner;
  readonly walkForward?: WalkForwardRunner;
}

export interface AdvisorWiring {
  readonly env: AppConfig;
  /** The whole store: approvals and the audit log are the account's. */
  readonly store: Store;
  /**
   * Every traded pair: each gets its own advisor (its context, strategy and parameters) and an
   * approval is applied to its own pair's keys. Absent: one advisor over `store` for the first of
   * TRADING_SYMBOLS, with `whatIf` / `walkForward` below (the one-pair wiring).
   */
  readonly pairs?: readonly AdvisorPairWiring[];
  /** The pair proposals made before several pairs (symbol null) apply to; default the first pair. */
  readonly legacySymbol?: string;
  readonly clock: Clock;
  readonly control: Pick<ControlService, 'transition'>;
  readonly whatIf?: WhatIfRunner;
  readonly walkForward?: WalkForwardRunner;
  readonly catalog?: StrategyCatalog;
  readonly notifier?: Notifier;
  readonly liveUpdates?: LiveUpdates;
  readonly logger?: ServiceLogger;
  /** Closed candles of the primary timeframe the context summarises (default 200). */
  readonly candleCount?: number;
  readonly fetch?: typeof fetch;
}

/**
 * Builds the advisor, the approval service and the expiry checker from the validated environment.
 * With `pairs`, the advisor is a `PortfolioAdvisor` (a run covers one named pair or each pair in
 * turn) and approvals apply to their own pair.
 */
export function createAdvisorServices(w: AdvisorWiring): {
  advisor: AdvisorService;
  approvals: ApprovalServiceImpl;
  expiryChecker: ApprovalExpiryChecker;
} {
  const { env } = w;
  const catalog = w.catalog ?? registryCatalog;
  const first = env.tradingSymbols[0] as string;
  const baseSettings: StrategySettings = { ...strategySettingsFromConfig(env), symbol: first };
  const channels = { ...(w.notifier ? { notifier: w.notifier } : {}), ...(w.liveUpdates ? { liveUpdates: w.liveUpdates } : {}) };
  // Keys and tokens, and the secret parts of URL settings (an api-key in AI_BASE_URL's query).
  const secrets = configSecrets(env);
  const llm = env.AI_ENABLED ? lazyLlmAdvisor(env, w.fetch ? { fetch: w.fetch } : {}) : null;
  const legacySymbol = w.legacySymbol ?? w.pairs?.[0]?.symbol ?? first;
  const advisorFor = (pair: AdvisorPairWiring, one: boolean): AdvisorServiceImpl =>
    new AdvisorServiceImpl({
      store: pair.store,
      clock: w.clock,
      catalog,
      llm,
      loadInput: (now) =>
        loadAdvisorInput(
          pair.store,
          catalog,
          {
            symbol: pair.symbol,
            timeframe: pair.settings.primaryTimeframe,
            candleCount: w.candleCount ?? 200,
            defaultStrategy: pair.defaultStrategy,
            strategySettings: pair.settings,
            legacySymbol,
          },
          now,
        ),
      settings: {
        fallbackRules: env.AI_FALLBACK_RULES,
        approvalTtlMinutes: env.APPROVAL_TTL_MINUTES,
        timeoutMs: env.AI_TIMEOUT_SECONDS * 1000,
        maxOutputTokens: env.AI_MAX_OUTPUT_TOKENS,
      },
      secrets,
      strategySettings: pair.settings,
      // The one-pair wiring keeps its approvals without a pair, as before several pairs.
      ...(one ? {} : { symbol: pair.symbol, legacySymbol }),
      ...(pair.whatIf ? { whatIf: pair.whatIf } : {}),
      ...(pair.walkForward ? { walkForward: pair.walkForward } : {}),
      ...(w.logger ? { logger: w.logger } : {}),
      ...channels,
    });
  const advisor: AdvisorService = w.pairs
    ? new PortfolioAdvisor({
        pairs: new Map(w.pairs.map((pair) => [pair.symbol, advisorFor(pair, false)])),
        store: w.store,
        clock: w.clock,
        ...(w.logger ? { logger: w.logger } : {}),
      })
    : advisorFor(
        {
          symbol: first,
          store: w.store,
          settings: baseSettings,
          defaultStrategy: env.TRADING_ACTIVE_STRATEGY,
          ...(w.whatIf ? { whatIf: w.whatIf } : {}),
          ...(w.walkForward ? { walkForward: w.walkForward } : {}),
        },
        true,
      );
  const pairSettings = new Map(w.pairs?.map((p) => [p.symbol, p]) ?? []);
  const approvals = new ApprovalServiceImpl({
    store: w.store,
    clock: w.clock,
    catalog,
    defaultStrategy: env.TRADING_ACTIVE_STRATEGY,
    ...(w.pairs
      ? {
          pairs: {
            symbols: w.pairs.map((p) => p.symbol),
            legacySymbol,
            defaultStrategy: (symbol: string) => pairSettings.get(symbol)?.defaultStrategy ?? env.TRADING_ACTIVE_STRATEGY,
          },
        }
      : {}),
    ...channels,
  });
  const expiryChecker = new ApprovalExpiryChecker({
    store: w.store,
    control: w.control,
    policy: env.APPROVAL_EXPIRY_POLICY,
    ...(w.logger ? { logger: w.logger } : {}),
    ...channels,
  });
  return { advisor, approvals, expiryChecker };
}
