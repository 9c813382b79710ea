import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBinanceMarketData } from '@warden/adapters/binance/binanceMarketData';
import { createAdvisorServices } from '@warden/adapters/llm/advisorServices';
import { telegramOptionsFromConfig } from '@warden/adapters/telegram/options';
import { describeAuthStartup } from '@warden/api/auth/startupMessage';
import { buildApiServer } from '@warden/api/server';
import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { ControlServiceImpl, readTradingState } from '@warden/core/app/controlServiceImpl';
import { LiveUpdates } from '@warden/core/app/liveUpdates';
import { type PortfolioReader, readPortfolio } from '@warden/core/app/portfolioView';
import type { ActorRef, AdvisorService } from '@warden/core/app/services';
import { type AppConfig, configSecrets, parseConfig, redactConfig } from '@warden/core/config/parseConfig';
import { Scheduler } from '@warden/core/cycle/scheduler';
import type { SymbolFilters, Timeframe } from '@warden/core/domain/market';
import { ConfigError } from '@warden/core/errors/errors';
import { Heartbeat } from '@warden/core/notifications/heartbeat';
import { NotificationRouter } from '@warden/core/notifications/router';
import { shutdownNotification, startupNotification } from '@warden/core/notifications/systemMessages';
import { equityPointFromSnapshot, MetricsTracker } from '@warden/core/portfolio/metricsTracker';
import { EquityWatermarks } from '@warden/core/risk/equityWatermarks';
import { strategyRegistry } from '@warden/core/strategy/registry';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createLogger } from '../context.js';
import { VERSION } from '../version.js';
import { CycleRunner } from './cycleRunner.js';
import { DeferredBroker, MarketNotConnectedError } from './deferredBroker.js';
import { ExchangeOutage, isExchangeOutage, OUTAGE_REMINDER_MS } from './exchangeOutage.js';
import { routeManualOrder } from './manualOrderRouting.js';
import { countGovernorErrors } from './metrics/exchangeErrorKind.js';
import { WardenMetrics } from './metrics/wardenMetrics.js';
import { createPairRuntimes, legacySymbol, type PairRuntime, WINDOW_SLACK } from './pairRuntimes.js';
import { connectPortfolio, type PortfolioStack } from './portfolioStack.js';
import { headline, listeningLine, servicesLine } from './startupSummary.js';
import { startTelegram } from './telegramRuntime.js';
import { spaceOutCheckpoints } from './walCheckpoints.js';
import { walkForwardRunner } from './walkForwardRunner.js';
import { whatIfRunner } from './whatIf.js';

const SYSTEM: ActorRef = { id: 'system', role: 'system' };
const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'dist');

export interface StartOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where pino writes (tests pass a stream); default stdout. */
  readonly logDestination?: NodeJS.WritableStream;
  readonly logger?: Logger;
  /** Listen on HOST:PORT (default true). */
  readonly listen?: boolean;
}

export interface WardenRuntime {
  readonly config: AppConfig;
  readonly store: SqliteStore;
  readonly logger: Logger;
  readonly url: string;
  readonly api: FastifyInstance;
  readonly control: ControlServiceImpl;
  readonly scheduler: Scheduler;
  readonly runner: CycleRunner;
  /** What GET /metrics serves. */
  readonly metrics: WardenMetrics;
  /** Runs one cycle now (tests, and `warden start --once`). */
  runCycle(): Promise<void>;
  /** Backfills warm-up candles; resolves with whether every timeframe is ready. */
  warmUp(): Promise<boolean>;
  stop(reason?: string): Promise<void>;
}

/**
 * Boots Warden from an environment map: config → store (migrated) → exchange clock + candle cache →
 * strategy, risk, broker → control service, scheduler, advisor, approvals → notifications → API.
 * Then backfills the warm-up candles and starts the scheduler when data is ready. Telegram and the
 * LLM provider are loaded only when configured.
 */
export async function startWarden(options: StartOptions): Promise<WardenRuntime> {
  const config = parseConfig(options.env);
  const logger = options.logger ?? createLogger(config, options.logDestination);
  logger.debug({ config: redactConfig(config) }, 'configuration loaded');
  const secrets = configSecrets(config);
  const store = openStore(config.DATABASE_PATH, { secrets });
  const checkpoints = spaceOutCheckpoints(store);
  // Live: every commit reaches the disk (an order intent must survive a power cut, or the order
  // could be sent again); each live order waits for the exchange anyway. Paper keeps NORMAL, which
  // survives any crash of the process.
  if (config.TRADING_MODE === 'live') store.sqlite.pragma('synchronous = FULL');
  logger.debug({ database: config.DATABASE_PATH }, 'database ready (migrations applied, WAL mode)');
  const startedAt = Date.now();

  // One warning when the exchange stops answering, reminders while it stays away, one line when it
  // is back; each failed request (with its stack trace) only at debug level.
  const outage = new ExchangeOutage(logger, { baseUrl: config.BINANCE_BASE_URL, reminderEveryMs: OUTAGE_REMINDER_MS, now: Date.now });
  const market = createBinanceMarketData(config, {
    candles: store.candles,
    logger: {
      debug: (obj, msg) => logger.debug(obj, msg),
      info: (obj, msg) => logger.info(obj, msg),
      warn: (obj, msg) => {
        const err = (obj as { err?: unknown }).err;
        if (isExchangeOutage(err)) outage.failed(err, msg);
        else logger.warn(obj, msg);
      },
    },
  });
  const clock = market.clock;

  // Every traded pair with its own strategy (TRADING_SYMBOLS; TRADING_SYMBOL is a list of one).
  const pairs = createPairRuntimes(config, store, clock.now(), logger);
  const firstPair = pairs[0] as PairRuntime;
  const strategies = firstPair.strategies;
  /** Every pair's warm-up needs, each timeframe named with its pair when several pairs trade. */
  const readiness = () =>
    pairs.flatMap((p) =>
      market.cache.readiness(p.symbol, p.requirements()).map((r) => (pairs.length > 1 ? { ...r, symbol: p.symbol } : r)),
    );

  // The exchange may be unreachable at start: everything but trading works without it, and the
  // trading stack (filters, broker, cycle) is connected as soon as it answers.
  const broker = new DeferredBroker(config.TRADING_MODE);
  let stack: PortfolioStack | null = null;
  const liveUpdates = new LiveUpdates();
  // Notifications: Telegram behind a router; commands reach the same services as the API.
  const notifier = new NotificationRouter([], config.TELEGRAM_NOTIFY, logger, secrets);

  let runner: CycleRunner;
  const scheduler = new Scheduler(config.TRADING_CYCLE_SECONDS * 1000, () => runner.tick());
  const control = new ControlServiceImpl(
    store,
    clock,
    broker,
    {
      scheduler,
      readiness,
      // Not a strategy problem the operator must fix (400) but a wait: the control service answers 503 with Retry-After.
      preflight: async () => {
        if (!stack) throw new MarketNotConnectedError();
        return stack.preflight();
      },
      checkpoint: () => {
        if (stack?.paper) store.config.set(CONFIG_KEYS.paperAccount, stack.paper.state(), 'system', clock.now());
      },
      cycleInfo: () => ({
        lastCycleAt: runner.lastCycleAt,
        lastCycleId: runner.lastCycleId,
        cycleCount: runner.cycleCount,
        lastError: runner.lastError,
      }),
      describe: () => ({
        mode: config.TRADING_MODE,
        symbol: firstPair.symbol,
        strategy: strategies.current().name,
        pairs: pairs.map((p) => ({ symbol: p.symbol, strategy: p.strategies.current().name })),
        timeframes: config.TRADING_TIMEFRAMES,
        version: VERSION,
        startedAt,
        requireDataReady: config.TRADING_REQUIRE_DATA_READY,
      }),
    },
    liveUpdates,
    notifier,
  );

  const metrics = new WardenMetrics({
    store,
    symbols: config.tradingSymbols,
    status: () => control.status(),
    weightUsed: () => market.governor.weightUsed,
    exchangeUp: () => stack !== null && !outage.isDown,
  });
  countGovernorErrors(market.governor, (kind) => metrics.exchangeError(kind));

  const startingEquity = Number(store.equity.first()?.equity ?? config.TRADING_PAPER_STARTING_EQUITY);
  const legacy = legacySymbol(store, config);
  // Each pair's metrics continue from its own history (rows from before several pairs are the legacy pair's).
  const pairMetrics = (symbol: string, periodMs: number) =>
    MetricsTracker.fromHistory(
      { startingEquity, periodMs },
      store.equity.list({ symbol, legacySymbol: legacy }, { limit: 500 }).items.map(equityPointFromSnapshot).reverse(),
      store.fills.all(symbol),
    );
  const watermarks = EquityWatermarks.fromHistory(store.equity.series(0));

  // Each pair has its own advisor over its scoped store (its strategy, parameters, candles, fills and
  // equity rows), with what-if and walk-forward checks on its own candles; an approval is applied to
  // its pair's keys only. A scheduled run covers every pair in turn; the API and Telegram may name one.
  const filtersOf = (symbol: string) => (): SymbolFilters => {
    if (!stack) throw new MarketNotConnectedError();
    return stack.filters.get(symbol) as SymbolFilters;
  };
  const services = createAdvisorServices({
    env: config,
    store,
    clock,
    control,
    pairs: pairs.map((p) => ({
      symbol: p.symbol,
      store: p.store,
      settings: p.settings,
      defaultStrategy: config.TRADING_PAIR_STRATEGIES[p.symbol] ?? config.TRADING_ACTIVE_STRATEGY,
      whatIf: whatIfRunner(p.store, config, filtersOf(p.symbol), p.settings),
      walkForward: walkForwardRunner(p.store, config, filtersOf(p.symbol), p.settings),
    })),
    legacySymbol: legacy,
    notifier,
    liveUpdates,
    logger,
  });
  const { approvals, expiryChecker: expiry } = services;
  // Every advisor run (scheduled or asked for through the API or Telegram) is counted.
  const advisor: AdvisorService = {
    run: (actor, symbol) =>
      services.advisor.run(actor, symbol).then(
        (result) => {
          metrics.advisorRun(result);
          return result;
        },
        (error: unknown) => {
          metrics.advisorRun(null);
          throw error;
        },
      ),
  };

  // What every transport shows of the account: each pair's latest snapshots (rows from before several pairs are the legacy pair's).
  const portfolio: PortfolioReader = {
    portfolio: () =>
      readPortfolio(store, control.status(), {
        legacySymbol: legacy,
        performance: () => ({
          startingEquity,
          peakEquity: watermarks.peakEquity,
          dayStartEquity: watermarks.dayStartEquity,
          drawdownLimitPct: config.RISK_MAX_DRAWDOWN_PCT,
          dailyLossLimitPct: config.RISK_DAILY_LOSS_LIMIT_PCT,
        }),
      }),
  };
  const telegram = await startTelegram(telegramOptionsFromConfig(config), {
    services: { control, approvals, advisor, portfolio, store, clock },
    log: logger,
  });
  if (telegram) notifier.addChannel(telegram.channel);
  const heartbeat =
    config.TELEGRAM_HEARTBEAT_HOURS > 0 && telegram
      ? new Heartbeat({ store, status: control, portfolio, notifier, hours: config.TELEGRAM_HEARTBEAT_HOURS, log: logger })
      : null;

  const cycle = { run: (now: number) => (stack ? stack.assembly.portfolio.run(now) : Promise.reject(new MarketNotConnectedError())) };
  runner = new CycleRunner({
    cycle,
    clock,
    store,
    notifier,
    logger,
    advisor,
    advisorEvery: config.TRADING_ADVISOR_INTERVAL_CYCLES,
    expiry,
    heartbeat,
    beforeCycle: () => clock.resync(),
    afterCycle: () => checkpoints.afterTick(),
    outage,
    metrics,
  });

  const webRoot = existsSync(join(WEB_ROOT, 'index.html')) ? WEB_ROOT : null;
  const api = await buildApiServer({
    config,
    store,
    control,
    approvals,
    advisor,
    liveUpdates,
    clock,
    logger,
    // The named pair's strategy host (the route checked that the pair is traded).
    strategyInfo: (symbol: string) => {
      const active = (pairs.find((p) => p.symbol === symbol) ?? firstPair).strategies.current();
      const definition = strategyRegistry.get(active.name);
      return {
        name: active.name,
        params: { ...active.params },
        tunable: definition?.tunable ?? [],
        describe: active.strategy.describe ? { ...active.strategy.describe() } : null,
      };
    },
    legacySymbol: legacy,
    portfolio,
    webRoot,
    metrics,
    ...(config.TRADING_MODE === 'live'
      ? {
          liveOrders: {
            place: (input: unknown, actor: ActorRef) =>
              routeManualOrder(
                input,
                actor,
                pairs.map((p) => p.symbol),
                (symbol) => stack?.live.get(symbol)?.liveOrders ?? null,
                () => new MarketNotConnectedError(),
              ),
          },
        }
      : {}),
    // Telegram webhook mode: grammy checks TELEGRAM_WEBHOOK_SECRET on each update.
    ...(telegram?.webhookHandler ? { telegramWebhook: telegram.webhookHandler } : {}),
  });
  const facts = {
    version: VERSION,
    config,
    panel: webRoot !== null,
    strategy: strategies.current().name,
    pairs: pairs.map((p) => ({ symbol: p.symbol, strategy: p.strategies.current().name })),
    state: readTradingState(store),
  };
  // The pid is in the JSON line (supervisors, tests) and hidden on a terminal.
  logger.info({ pid: process.pid }, headline(facts));
  let url = `http://${config.HOST}:${config.PORT}`;
  if (options.listen !== false)
    url = await api.listen({ host: config.HOST, port: config.PORT, listenTextResolver: (address) => listeningLine(facts, address) });
  logger.info(servicesLine(config));
  const authMessage = describeAuthStartup(config, store);
  if (authMessage) logger.warn(authMessage);
  await telegram?.start();

  store.audit.append({
    time: clock.now(),
    type: 'system.started',
    actor: 'system',
    reason: 'warden started',
    inputs: {
      mode: config.TRADING_MODE,
      symbol: firstPair.symbol,
      pairs: pairs.map((p) => `${p.symbol} ${p.strategies.current().name}`),
      strategy: strategies.current().name,
      version: VERSION,
      state: readTradingState(store),
    },
  });

  const warmUp = async (): Promise<boolean> => {
    for (const pair of pairs) {
      const req = pair.requirements();
      for (const [tf, required] of Object.entries(req) as Array<[Timeframe, number]>) {
        const need = required + WINDOW_SLACK;
        try {
          const report = await market.cache.backfill(pair.symbol, tf, need);
          logger.debug(
            { symbol: pair.symbol, timeframe: tf, required, available: report.available, fetchedBars: report.fetchedBars },
            `warm-up ${pair.symbol} ${tf}: ${report.available} closed candles cached`,
          );
        } catch (error) {
          if (isExchangeOutage(error)) outage.failed(error, `warm-up backfill of ${pair.symbol} ${tf}`);
          else logger.error({ err: error, symbol: pair.symbol, timeframe: tf }, `warm-up backfill of ${pair.symbol} ${tf} failed`);
        }
      }
    }
    return readiness().every((r) => r.ready);
  };
  const named = (r: { symbol?: string; timeframe: string }) => (r.symbol ? `${r.symbol} ${r.timeframe}` : r.timeframe);
  /** "4h has 12 of 36 closed candles, 5m ..." for the timeframes still short of their warm-up. */
  const shortOfData = (): string =>
    readiness()
      .filter((r) => !r.ready)
      .map((r) => `${named(r)} has ${r.available} of ${r.required} closed candles`)
      .join(', ');
  const requirementsText = (): string =>
    `${readiness()
      .map((r) => `${named(r)} ${r.available}/${r.required}`)
      .join(', ')} closed candles`;

  // Warm-up, then the scheduler; if the exchange is unreachable, keep retrying in the background.
  let stopping = false;
  let retryTimer: NodeJS.Timeout | null = null;
  /** Set when connecting found settings that must change first (ConfigError): no retries. */
  let refused: ConfigError | null = null;
  const autoStart = async (): Promise<void> => {
    if (stopping) return;
    const ready = await warmUp();
    if (ready) logger.info(`market data ready: ${requirementsText()}`);
    if (!config.TRADING_AUTO_START) {
      logger.info('waiting for an operator: TRADING_AUTO_START=false, start the scheduler from the panel or POST /api/scheduler/start');
      return;
    }
    if (!ready && config.TRADING_REQUIRE_DATA_READY) {
      if (stopping) return;
      logger.warn(`waiting for market data: ${shortOfData()} (TRADING_REQUIRE_DATA_READY=true); retrying the warm-up in 30 s`);
      retryTimer = setTimeout(() => void autoStart(), 30_000);
      return;
    }
    if (!ready) logger.warn(`trading on incomplete data (TRADING_REQUIRE_DATA_READY=false): ${shortOfData()}`);
    try {
      await control.startScheduler(SYSTEM);
      logger.info(
        { state: readTradingState(store), everySeconds: config.TRADING_CYCLE_SECONDS },
        `scheduler started: a cycle every ${config.TRADING_CYCLE_SECONDS} s, trading state ${readTradingState(store)}`,
      );
    } catch (error) {
      logger.error({ err: error }, 'scheduler not started');
    }
  };
  const connect = async (): Promise<boolean> => {
    try {
      await market.start().catch((error: unknown) => {
        if (isExchangeOutage(error)) throw error;
        logger.warn({ err: error }, 'could not read Binance server time; using the local clock until the next sync');
      });
      const connected = await connectPortfolio({
        config,
        store,
        logger,
        market,
        pairs,
        control,
        notifier,
        liveUpdates,
        pairMetrics,
        watermarks,
        startingEquity,
        onPairFailed: (symbol, error, now) => runner.pairFailed(symbol, error, now),
        outage,
      });
      broker.connect(connected.broker);
      stack = connected;
      for (const live of connected.live.values()) await live.start();
      outage.recovered();
      return true;
    } catch (error) {
      if (error instanceof ConfigError) {
        // Retrying cannot help: the settings must change (see droppedLivePairs.ts).
        refused = error;
        store.audit.append({
          time: clock.now(),
          type: 'system.start_refused',
          actor: 'system',
          reason: error.message,
          inputs: { problems: error.problems },
          outcome: 'refused',
        });
        logger.error({ problems: error.problems }, 'trading refused to start: the settings must change');
        notifier.notify({ type: 'errors', title: 'Trading refused to start', lines: [...error.problems] });
        return false;
      }
      if (isExchangeOutage(error)) outage.failed(error, 'connect');
      else logger.warn({ err: error, exchange: new URL(config.BINANCE_BASE_URL).origin }, 'cannot connect to the exchange yet; retrying');
      return false;
    }
  };
  const keepConnecting = async (delayMs: number): Promise<void> => {
    if (stopping) return;
    if (await connect()) return autoStart();
    if (refused) return;
    retryTimer = setTimeout(() => void keepConnecting(Math.min(60_000, delayMs * 2)), delayMs);
  };
  if (await connect()) await autoStart();
  else if (!refused) retryTimer = setTimeout(() => void keepConnecting(4_000), 2_000);
  if (!refused) notifier.notify(startupNotification(control.status()));

  let stopped: Promise<void> | null = null;
  const stop = (reason = 'shutdown'): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      if (retryTimer) clearTimeout(retryTimer);
      logger.debug({ reason }, 'stopping: finishing the current cycle');
      await scheduler.stop();
      for (const live of stack?.live.values() ?? []) live.stop();
      notifier.notify(shutdownNotification(reason));
      await telegram?.stop(2_000);
      await api.close();
      market.stop();
      store.audit.append({ time: clock.now(), type: 'system.stopped', actor: 'system', reason });
      store.close();
      logger.info('stopped cleanly');
    })();
    return stopped;
  };

  // Refused at the first connection: stop what was started and say why (the CLI prints it).
  if (refused) {
    await stop('refused to start: the settings must change');
    throw refused;
  }
  return { config, store, logger, url, api, control, scheduler, runner, metrics, runCycle: () => scheduler.runOnce(), warmUp, stop };
}
