import { AdvisorServiceImpl } from '@warden/core/advisor/advisorService';
import type { WalkForwardRunner, WhatIfRunner } from '@warden/core/advisor/llmAdvisorPort';
import { loadAdvisorInput } from '@warden/core/advisor/loadAdvisorInput';
import type { ServiceLogger } from '@warden/core/advisor/logger';
import { registryCatalog } from '@warden/core/advisor/registryCatalog';
import type { StrategyCatalog } from '@warden/core/advisor/strategyCatalog';
import type { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { ControlService } from '@warden/core/app/services';
import { ApprovalServiceImpl } from '@warden/core/approvals/approvalService';
import { ApprovalExpiryChecker } from '@warden/core/approvals/expiryChecker';
import { type AppConfig, configSecrets } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { Clock } from '@warden/core/ports/clock';
import type { Notifier } from '@warden/core/ports/notifier';
import type { Store } from '@warden/core/ports/store';
import { lazyLlmAdvisor } from './lazyLlmAdvisor.js';

export interface AdvisorWiring {
  readonly env: AppConfig;
  readonly store: Store;
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

/** Builds the advisor, the approval service and the expiry checker from the validated environment. */
export function createAdvisorServices(w: AdvisorWiring) {
  const { env } = w;
  const catalog = w.catalog ?? registryCatalog;
  const strategySettings = strategySettingsFromConfig(env);
  const channels = { ...(w.notifier ? { notifier: w.notifier } : {}), ...(w.liveUpdates ? { liveUpdates: w.liveUpdates } : {}) };
  // Keys and tokens, and the secret parts of URL settings (an api-key in AI_BASE_URL's query).
  const secrets = configSecrets(env);
  const advisor = new AdvisorServiceImpl({
    store: w.store,
    clock: w.clock,
    catalog,
    llm: env.AI_ENABLED ? lazyLlmAdvisor(env, w.fetch ? { fetch: w.fetch } : {}) : null,
    loadInput: (now) =>
      loadAdvisorInput(
        w.store,
        catalog,
        {
          symbol: env.TRADING_SYMBOL,
          timeframe: env.primaryTimeframe,
          candleCount: w.candleCount ?? 200,
          defaultStrategy: env.TRADING_ACTIVE_STRATEGY,
          strategySettings,
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
    strategySettings,
    ...(w.whatIf ? { whatIf: w.whatIf } : {}),
    ...(w.walkForward ? { walkForward: w.walkForward } : {}),
    ...(w.logger ? { logger: w.logger } : {}),
    ...channels,
  });
  const approvals = new ApprovalServiceImpl({
    store: w.store,
    clock: w.clock,
    catalog,
    defaultStrategy: env.TRADING_ACTIVE_STRATEGY,
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
