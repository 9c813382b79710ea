import { AdvisorServiceImpl, type AdvisorSettings } from '@warden/core/advisor/advisorService';
import type { LlmAdvisor, WalkForwardRunner, WhatIfRunner } from '@warden/core/advisor/llmAdvisorPort';
import { loadAdvisorInput } from '@warden/core/advisor/loadAdvisorInput';
import { registryCatalog } from '@warden/core/advisor/registryCatalog';
import { buildCandles } from '@warden/core/advisor/testFixtures';
import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { type ControlRuntime, ControlServiceImpl } from '@warden/core/app/controlServiceImpl';
import { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { ProposalChange, WhatIfResult } from '@warden/core/domain/approval';
import type { Broker } from '@warden/core/ports/broker';
import { ManualClock } from '@warden/core/ports/clock';
import { silentNotifier } from '@warden/core/ports/notifier';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { CANARY_KEYS } from './testing.js';

/** A real SQLite store seeded like a running bot: smart_grid_ai active, 5m candles, metrics, equity. */
export interface Flow {
  readonly store: SqliteStore;
  readonly clock: ManualClock;
  readonly whatIfCalls: ProposalChange[];
  readonly whatIf: WhatIfRunner;
  advisor(
    llm: LlmAdvisor | null,
    settings?: Partial<AdvisorSettings>,
    whatIf?: WhatIfRunner,
    walkForward?: WalkForwardRunner,
  ): AdvisorServiceImpl;
  control(): ControlServiceImpl & { cancelAllCalls: number };
  close(): void;
}

export const NOW = Date.UTC(2024, 0, 2, 12, 0, 0);
export const WHAT_IF: WhatIfResult = {
  candles: 288,
  current: { returnPct: 0.4, maxDrawdownPct: 1.1, trades: 12 },
  proposed: { returnPct: 0.6, maxDrawdownPct: 0.9, trades: 15 },
};

export function openFlow(opts: { winRate?: number; tradeCount?: number } = {}): Flow {
  const tmp = tempDbPath('warden-advisor-');
  const store = openStore(tmp.path);
  const clock = new ManualClock(NOW);
  const candles = buildCandles(200, { start: NOW - 201 * 300_000 });
  store.candles.upsertMany('BTC/USDT', '5m', candles);
  store.config.set(CONFIG_KEYS.activeStrategy, 'smart_grid_ai', 'system', NOW - 1000);
  store.config.set(
    CONFIG_KEYS.strategyParams('smart_grid_ai'),
    registryCatalog.definition('smart_grid_ai')!.defaults,
    'system',
    NOW - 1000,
  );
  store.metrics.insert({
    time: NOW - 1000,
    cycleId: null,
    totalReturnPct: -1.5,
    maxDrawdownPct: 4,
    winRate: opts.winRate ?? 0.3,
    profitFactor: 0.8,
    sharpe: null,
    feesPaid: 4,
    tradeCount: opts.tradeCount ?? 25,
    exposurePct: 40,
  });
  for (const [i, equity] of [10_000, 10_080, 9_950].entries()) {
    store.equity.insert({
      time: NOW - 50 * 300_000 + i * 300_000,
      cycleId: null,
      equity: String(equity),
      quoteBalance: '5000',
      baseBalance: '0.1',
      price: '40000',
      unrealizedPnl: '0',
      realizedPnl: '0',
    });
  }
  const whatIfCalls: ProposalChange[] = [];
  const whatIf: WhatIfRunner = async (change) => {
    whatIfCalls.push(change);
    return WHAT_IF;
  };
  return {
    store,
    clock,
    whatIfCalls,
    whatIf,
    advisor: (llm, settings = {}, whatIfOverride = whatIf, walkForward) =>
      new AdvisorServiceImpl({
        store,
        clock,
        catalog: registryCatalog,
        llm,
        whatIf: whatIfOverride,
        ...(walkForward ? { walkForward } : {}),
        loadInput: (now) =>
          loadAdvisorInput(
            store,
            registryCatalog,
            { symbol: 'BTC/USDT', timeframe: '5m', candleCount: 120, defaultStrategy: 'smart_grid_ai' },
            now,
          ),
        settings: { fallbackRules: true, approvalTtlMinutes: 60, timeoutMs: 5_000, maxOutputTokens: 600, ...settings },
        secrets: Object.values(CANARY_KEYS),
      }),
    control: () => {
      let cancelAllCalls = 0;
      const broker = {
        mode: 'paper',
        cancelAll: async () => {
          cancelAllCalls += 1;
          return { canceled: [], failed: [] };
        },
      } as unknown as Broker;
      const runtime: ControlRuntime = {
        scheduler: { isRunning: true, start: () => {}, stop: async () => {} },
        readiness: () => [],
        preflight: async () => [],
        cycleInfo: () => ({ lastCycleAt: null, lastCycleId: null, cycleCount: 0, lastError: null }),
        describe: () => ({
          mode: 'paper',
          symbol: 'BTC/USDT',
          strategy: 'smart_grid_ai',
          timeframes: ['5m'],
          version: 'test',
          startedAt: NOW,
          requireDataReady: false,
        }),
      };
      const service = new ControlServiceImpl(store, clock, broker, runtime, new LiveUpdates(), silentNotifier);
      return Object.defineProperty(service, 'cancelAllCalls', { get: () => cancelAllCalls }) as ControlServiceImpl & {
        cancelAllCalls: number;
      };
    },
    close: () => {
      store.close();
      tmp.cleanup();
    },
  };
}

export function eventTypes(store: SqliteStore): string[] {
  return store.audit
    .list({}, { limit: 500 })
    .items.map((e) => e.type)
    .reverse();
}

/** Every byte the bot persisted: events, approvals and config, as stored. */
export function databaseDump(store: SqliteStore): string {
  const tables = ['events_log', 'approvals', 'config'];
  return tables.map((t) => JSON.stringify(store.sqlite.prepare(`SELECT * FROM ${t}`).all())).join('\n');
}
