import { AdvisorServiceImpl } from '@warden/core/advisor/advisorService';
import type { AdvisorInput } from '@warden/core/advisor/context';
import { PortfolioAdvisor } from '@warden/core/advisor/portfolioAdvisor';
import { registryCatalog } from '@warden/core/advisor/registryCatalog';
import { buildAdvisorInput } from '@warden/core/advisor/testFixtures';
import { type ControlRuntime, ControlServiceImpl } from '@warden/core/app/controlServiceImpl';
import type { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { AdvisorService, ApprovalService, TimeframeReadiness } from '@warden/core/app/services';
import { ApprovalServiceImpl } from '@warden/core/approvals/approvalService';
import type { AppConfig } from '@warden/core/config/parseConfig';
import type { Approval } from '@warden/core/domain/approval';
import { PaperBroker, paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { buildSymbolFilters } from '@warden/core/execution/symbolFilters.fixture';
import { pairStore } from '@warden/core/portfolio/pairStore';
import type { Clock } from '@warden/core/ports/clock';
import { silentNotifier } from '@warden/core/ports/notifier';
import type { Store } from '@warden/core/ports/store';

/**
 * The production application services over a real store and a real paper broker; only the
 * runtime around them (scheduler, warm-up, cycle info) is a stub the test can steer.
 */
export interface TestServices {
  readonly control: ControlServiceImpl;
  readonly approvals: ApprovalService;
  readonly advisor: AdvisorService;
  readonly broker: PaperBroker;
  readonly runtime: { dataReady: boolean; schedulerRunning: boolean };
}

/** What each pair's advisor decides from (default: the advisor fixture, on which the rules propose nothing). */
export type AdvisorInputFor = (symbol: string, now: number) => AdvisorInput;

export function realServices(
  store: Store,
  config: AppConfig,
  clock: Clock,
  live: LiveUpdates,
  advisorInput: AdvisorInputFor = (symbol, now) => buildAdvisorInput({ now, symbol }),
): TestServices {
  const broker = PaperBroker.start(paperBrokerOptionsFromConfig(config, buildSymbolFilters()), config.TRADING_PAPER_STARTING_EQUITY);
  let dataReady = true;
  const steer = {
    get dataReady() {
      return dataReady;
    },
    // Readiness is steered here, outside the store, so the status cache must be told (see ControlRuntime).
    set dataReady(ready: boolean) {
      dataReady = ready;
      control.invalidateStatus();
    },
    schedulerRunning: false,
  };
  const startedAt = clock.now();
  const pairs = config.tradingSymbols;
  const several = pairs.length > 1;
  const strategyOf = (symbol: string) => config.TRADING_PAIR_STRATEGIES[symbol] ?? config.TRADING_ACTIVE_STRATEGY;
  // With several pairs, each timeframe of each pair, named with its pair (as warden start reports it).
  const readiness = (): TimeframeReadiness[] =>
    pairs.flatMap((symbol) =>
      config.TRADING_TIMEFRAMES.map((timeframe) => ({
        ...(several ? { symbol } : {}),
        timeframe,
        required: 50,
        available: dataReady ? 50 : 7,
        ready: dataReady,
      })),
    );
  const runtime: ControlRuntime = {
    scheduler: {
      get isRunning() {
        return steer.schedulerRunning;
      },
      start: () => {
        steer.schedulerRunning = true;
      },
      stop: async () => {
        steer.schedulerRunning = false;
      },
    },
    readiness,
    preflight: async () => [],
    cycleInfo: () => ({ lastCycleAt: null, lastCycleId: null, cycleCount: 0, lastError: null }),
    describe: () => ({
      mode: config.TRADING_MODE,
      symbol: pairs[0] as string,
      strategy: strategyOf(pairs[0] as string),
      pairs: pairs.map((symbol) => ({ symbol, strategy: strategyOf(symbol) })),
      timeframes: config.TRADING_TIMEFRAMES,
      version: '0.1.0-test',
      startedAt,
      requireDataReady: config.TRADING_REQUIRE_DATA_READY,
    }),
  };
  const control = new ControlServiceImpl(store, clock, broker, runtime, live, silentNotifier);
  const approvals = new ApprovalServiceImpl({
    store,
    clock,
    catalog: registryCatalog,
    defaultStrategy: config.TRADING_ACTIVE_STRATEGY,
    pairs: { symbols: pairs, legacySymbol: pairs[0] as string, defaultStrategy: strategyOf },
  });
  // Each pair's advisor over its scoped store, fed a fixed context (the fallback rules propose from it).
  const advisor = new PortfolioAdvisor({
    store,
    clock,
    pairs: new Map(
      pairs.map((symbol) => [
        symbol,
        new AdvisorServiceImpl({
          store: pairStore(store, symbol),
          clock,
          catalog: registryCatalog,
          llm: null,
          loadInput: (now) => advisorInput(symbol, now),
          settings: { fallbackRules: true, approvalTtlMinutes: config.APPROVAL_TTL_MINUTES, timeoutMs: 1000 },
          symbol,
          legacySymbol: pairs[0] as string,
        }),
      ]),
    ),
  });
  return { control, approvals, advisor, broker, runtime: steer };
}

/** A pending, valid parameter proposal for ema_crossover, as the advisor would save it (for `symbol`; absent: no pair, as before several pairs). */
export function insertProposal(store: Store, now: number, symbol?: string): Approval {
  return store.approvals.insert({
    ...(symbol ? { symbol } : {}),
    createdAt: now,
    expiresAt: now + 3_600_000,
    change: { kind: 'params', strategy: 'ema_crossover', before: { fast_period: 12 }, after: { fast_period: 10 } },
    reason: 'faster trend response',
    source: 'rules',
    whatIf: null,
  });
}
