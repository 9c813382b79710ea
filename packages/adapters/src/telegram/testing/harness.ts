import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdvisorServiceImpl } from '@warden/core/advisor/advisorService';
import { PortfolioAdvisor } from '@warden/core/advisor/portfolioAdvisor';
import { registryCatalog } from '@warden/core/advisor/registryCatalog';
import { buildAdvisorInput, buildMetrics } from '@warden/core/advisor/testFixtures';
import { type ControlRuntime, ControlServiceImpl } from '@warden/core/app/controlServiceImpl';
import { LiveUpdates } from '@warden/core/app/liveUpdates';
import { readPortfolio } from '@warden/core/app/portfolioView';
import { ApprovalServiceImpl } from '@warden/core/approvals/approvalService';
import type { Role, TelegramGroupUsers } from '@warden/core/config/schema';
import type { NotificationModes } from '@warden/core/notifications/router';
import { NotificationRouter } from '@warden/core/notifications/router';
import { pairStore } from '@warden/core/portfolio/pairStore';
import type { Broker } from '@warden/core/ports/broker';
import { ManualClock } from '@warden/core/ports/clock';
import type { Notifier } from '@warden/core/ports/notifier';
import { EquityWatermarks } from '@warden/core/risk/equityWatermarks';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { FakeTelegramServer } from '@warden/testkit/fakeTelegram/fakeTelegramServer';
import type { Sleep } from '../sendQueue.js';
import { createTelegram, type TelegramRuntime } from '../telegramBot.js';
import { RecordingApprovalService } from './recordingApprovalService.js';
import { RecordingLogger } from './recordingLogger.js';

/** Chats the harness allow-lists, one per role; STRANGER is not on the list; GROUP only with `group`. */
export const CHATS = { admin: 111, operator: 222, viewer: 333, stranger: 999, group: -1001234567890 } as const;

/** Members of CHATS.group: TELEGRAM_GROUP_USERS lists ALICE (admin) and BOB (operator); MALLORY is any other member. */
export const MEMBERS = {
  alice: { id: 4201, username: 'alice' },
  bob: { id: 4202, username: 'bob' },
  mallory: { id: 4666, username: 'mallory' },
} as const;
export const START = Date.UTC(2026, 0, 5, 12, 0, 0);

export interface Harness {
  readonly fake: FakeTelegramServer;
  readonly store: SqliteStore;
  readonly clock: ManualClock;
  readonly log: RecordingLogger;
  readonly control: ControlServiceImpl;
  readonly approvals: RecordingApprovalService;
  readonly telegram: TelegramRuntime;
  readonly router: NotificationRouter;
  readonly broker: { cancelAllCalls: number };
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly modes?: NotificationModes;
  readonly sleep?: Sleep;
  readonly queueMax?: number;
  /** Start long polling (commands); notification-only tests leave it off. */
  readonly polling?: boolean;
  /** Route ControlServiceImpl's own state notifications to Telegram too (off: replies are easier to pick out). */
  readonly stateNotifications?: boolean;
  /**
   * Allow-list CHATS.group with this role, and (unless `users` is null) TELEGRAM_GROUP_USERS
   * giving MEMBERS.alice admin and MEMBERS.bob operator there.
   */
  readonly group?: { readonly role: Role; readonly users: TelegramGroupUsers[string] | null };
  /** TELEGRAM_MODE=webhook with this URL and secret instead of polling. */
  readonly webhook?: { readonly url: string; readonly secret: string };
  /** The traded pairs with their strategies (default: BTC/USDT with smart_grid_ai alone). */
  readonly pairs?: ReadonlyArray<{ readonly symbol: string; readonly strategy: string }>;
  /** Known secrets the replies must not show (TelegramOptions.secrets). */
  readonly secrets?: readonly string[];
  /** What the runtime reports as the last cycle error (status). */
  readonly lastError?: string;
}

const stubBroker = (counter: { cancelAllCalls: number }): Broker => ({
  mode: 'paper',
  submit: async () => ({ orders: [], fills: [] }),
  cancel: async () => ({ orders: [], fills: [] }),
  cancelAll: async () => {
    counter.cancelAllCalls += 1;
    return { canceled: [], failed: [] };
  },
  openOrders: async () => [],
  balances: async () => ({ base: { asset: 'BTC', free: '0', locked: '0' }, quote: { asset: 'USDT', free: '10000', locked: '0' } }),
  sync: async () => ({ orders: [], fills: [] }),
});

const DEFAULT_PAIRS = [{ symbol: 'BTC/USDT', strategy: 'smart_grid_ai' }] as const;

const runtimeFor = (options: HarnessOptions): ControlRuntime => {
  const pairs = options.pairs ?? DEFAULT_PAIRS;
  return {
    scheduler: { isRunning: true, start: () => {}, stop: async () => {} },
    readiness: () => [],
    preflight: async () => [],
    cycleInfo: () => ({ lastCycleAt: START, lastCycleId: 'c-1', cycleCount: 1, lastError: options.lastError ?? null }),
    describe: () => ({
      mode: 'paper',
      symbol: pairs[0]?.symbol ?? 'BTC/USDT',
      strategy: pairs[0]?.strategy ?? 'smart_grid_ai',
      pairs,
      timeframes: ['5m', '4h'],
      version: '0.1.0',
      startedAt: START,
      requireDataReady: false,
    }),
  };
};

/** The advisor of every pair, proposing from a fixed context: smart_grid_ai losing (win rate 30 % over 25 trades), so the rules propose. */
function fixtureAdvisor(store: SqliteStore, clock: ManualClock, pairs: ReadonlyArray<{ readonly symbol: string }>): PortfolioAdvisor {
  return new PortfolioAdvisor({
    store,
    clock,
    pairs: new Map(
      pairs.map(({ symbol }) => [
        symbol,
        new AdvisorServiceImpl({
          store: pairStore(store, symbol),
          clock,
          catalog: registryCatalog,
          llm: null,
          loadInput: (now) => buildAdvisorInput({ now, symbol, metrics: buildMetrics({ winRate: 0.3, tradeCount: 25 }) }),
          settings: { fallbackRules: true, approvalTtlMinutes: 60, timeoutMs: 1000 },
          symbol,
        }),
      ]),
    ),
  });
}

/** Real parts on loopback: fake Bot API, grammy, SQLite in a temp dir, the real ControlServiceImpl and ApprovalServiceImpl. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = new FakeTelegramServer();
  const apiUrl = await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'warden-telegram-'));
  const store = openStore(join(dir, 'warden.db'));
  const clock = new ManualClock(START);
  const log = new RecordingLogger();
  const broker = { cancelAllCalls: 0 };
  // ControlServiceImpl notifies state changes; route them through the same router the app uses.
  const late: { notifier: Notifier | null } = { notifier: null };
  const pairs = options.pairs ?? DEFAULT_PAIRS;
  const control = new ControlServiceImpl(store, clock, stubBroker(broker), runtimeFor(options), new LiveUpdates(), {
    notify: (n) => late.notifier?.notify(n),
  });
  const symbols = pairs.map((p) => p.symbol);
  const approvals = new RecordingApprovalService(
    new ApprovalServiceImpl({
      store,
      clock,
      catalog: registryCatalog,
      defaultStrategy: 'smart_grid_ai',
      pairs: { symbols, legacySymbol: symbols[0] as string },
    }),
  );
  // The watermarks as the runtime keeps them, from the recorded equity; the default limits.
  const portfolio = {
    portfolio: () =>
      readPortfolio(store, control.status(), {
        legacySymbol: symbols[0] as string,
        performance: () => {
          const marks = EquityWatermarks.fromHistory(store.equity.series(0));
          return {
            startingEquity: 10_000,
            peakEquity: marks.peakEquity,
            dayStartEquity: marks.dayStartEquity,
            drawdownLimitPct: 20,
            dailyLossLimitPct: 5,
          };
        },
      }),
  };
  const telegram = createTelegram(
    {
      token: fake.token,
      apiUrl,
      chatIds: [String(CHATS.admin), String(CHATS.operator), String(CHATS.viewer), ...(options.group ? [String(CHATS.group)] : [])],
      chatRoles: { [CHATS.admin]: 'admin', [CHATS.operator]: 'operator', ...(options.group ? { [CHATS.group]: options.group.role } : {}) },
      ...(options.group?.users ? { groupUsers: { [CHATS.group]: options.group.users } } : {}),
      mode: options.webhook ? 'webhook' : 'polling',
      webhookUrl: options.webhook?.url,
      webhookSecret: options.webhook?.secret,
      queueMax: options.queueMax ?? 50,
      pollTimeoutSeconds: 1,
      ...(options.secrets ? { secrets: options.secrets } : {}),
    },
    {
      services: { control, approvals, advisor: fixtureAdvisor(store, clock, pairs), portfolio, store, clock },
      log,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    },
  );
  const router = new NotificationRouter([telegram.channel], options.modes ?? {}, log);
  if (options.stateNotifications) late.notifier = router;
  if (options.polling || options.webhook) await telegram.start();
  return {
    fake,
    store,
    clock,
    log,
    control,
    approvals,
    telegram,
    router,
    broker,
    async close() {
      await telegram.stop(1_000);
      await fake.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
