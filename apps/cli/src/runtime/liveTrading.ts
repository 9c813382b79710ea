import type { AccountBalanceBook } from '@warden/adapters/binance/live/accountBalanceBook';
import { LiveBroker } from '@warden/adapters/binance/live/liveBroker';
import { createLiveExchange } from '@warden/adapters/binance/live/liveExchange';
import { LiveReconciler } from '@warden/adapters/binance/live/liveReconciler';
import { readTradingState } from '@warden/core/app/controlServiceImpl';
import type { ControlService } from '@warden/core/app/services';
import type { AppConfig } from '@warden/core/config/parseConfig';
import type { AccountMarks } from '@warden/core/cycle/cycleDeps';
import { type SymbolFilters, TIMEFRAME_MS } from '@warden/core/domain/market';
import { InsufficientDataError, ValidationError } from '@warden/core/errors/errors';
import { ManualLiveOrders, manualClientOrderId } from '@warden/core/live/manualLiveOrder';
import { pairStore } from '@warden/core/portfolio/pairStore';
import type { Notifier } from '@warden/core/ports/notifier';
import type { Store } from '@warden/core/ports/store';
import { EquityWatermarks } from '@warden/core/risk/equityWatermarks';
import { RiskEngine } from '@warden/core/risk/riskEngine';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { effectivePairState, readPairState } from '@warden/core/state/pairState';
import type { Logger } from 'pino';
import { type ExchangeOutage, isExchangeOutage } from './exchangeOutage.js';

export interface LiveTrading {
  readonly broker: LiveBroker;
  readonly reconciler: LiveReconciler;
  readonly liveOrders: ManualLiveOrders;
  /** Start-up reconciliation of the order journal; run it before the trading cycle is built. */
  reconcileOnStart(): Promise<void>;
  /** Connects the control service (pause on a balance mismatch) and the notifier (alerts). */
  attach(services: { control: ControlService; notifier: Notifier }): void;
  /**
   * The portfolio's view of the whole account for this pair (several pairs share one quote
   * balance): manual orders are then checked against the account's equity and the other pairs'
   * exposure, as the cycle's orders are. Until it is called, against this pair's own balances.
   */
  useAccount(account: AccountMarks): void;
  /** First periodic reconciliation now, then every LIVE_RECONCILE_SECONDS. */
  start(): Promise<void>;
  stop(): void;
}

/**
 * Live execution on Binance spot, from a config that passed every live gate (parseConfig refuses
 * TRADING_MODE=live otherwise). Keys go to ccxt and nowhere else: nothing here logs or returns them.
 */
export function createLiveTrading(
  config: AppConfig,
  store: Store,
  logger: Logger,
  clock: { now(): number; resync(): Promise<unknown> },
  filters: SymbolFilters,
  /** Where an unreachable exchange is reported (one warning per outage); absent: every failure is a warning. */
  outage?: Pick<ExchangeOutage, 'failed' | 'recovered'>,
  /** The account's balances shared by every pair's broker (several pairs trade one account). */
  balanceBook?: AccountBalanceBook,
): LiveTrading {
  if (config.TRADING_MODE !== 'live' || !config.BINANCE_API_KEY || !config.BINANCE_API_SECRET)
    throw new ValidationError('live trading needs TRADING_MODE=live and Binance keys', 'TRADING_MODE');
  // Named by pair: with several pairs, each pair's broker and reconciler log the same messages.
  const log = logger.child({ component: 'live', symbol: filters.symbol });
  let notifier: Notifier | null = null;
  let control: ControlService | null = null;
  const alert = (title: string, lines: readonly string[]) => notifier?.notify({ type: 'errors', title, lines: [...lines] });
  const { exchange, governor } = createLiveExchange({
    baseUrl: config.BINANCE_BASE_URL,
    testnet: config.BINANCE_TESTNET,
    apiKey: config.BINANCE_API_KEY,
    secret: config.BINANCE_API_SECRET,
    recvWindowMs: config.BINANCE_RECV_WINDOW_MS,
    clock,
    onBanned: (ms) =>
      alert('Binance banned this IP (418)', [`no requests for ${ms === null ? 'an unknown time' : `${Math.round(ms / 1000)} s`}`]),
    onWait: (reason, ms) => log.warn({ reason, ms }, 'waiting before the next Binance request'),
  });
  const broker = new LiveBroker({
    exchange,
    governor,
    store,
    filters,
    clock,
    recvWindowMs: config.BINANCE_RECV_WINDOW_MS,
    log,
    alert,
    flattenOnEmergency: config.LIVE_EMERGENCY_FLATTEN,
    unknownOrderPolicy: config.LIVE_UNKNOWN_ORDER_POLICY,
    ...(balanceBook ? { account: balanceBook } : {}),
  });
  const reconciler = new LiveReconciler({
    broker,
    store,
    filters,
    now: () => clock.now(),
    policy: config.LIVE_UNKNOWN_ORDER_POLICY,
    tolerancePct: config.LIVE_BALANCE_TOLERANCE_PCT,
    log,
    alert,
  });
  let manualCount = 0;
  let account: AccountMarks | null = null;
  // What this pair's cycle sees: the account's state, or while that is RUNNING the pair's own switch.
  const pairConfig = pairStore(store, filters.symbol).config;
  const tradingState = () => effectivePairState(readTradingState(store), readPairState(pairConfig));
  const liveOrders = new ManualLiveOrders({
    store,
    broker,
    filters,
    risk: new RiskEngine(riskLimitsFromConfig(config)),
    newClientOrderId: () => manualClientOrderId(filters.symbol, clock.now(), manualCount++),
    tradingState,
    handOver: (update) => {
      store.transaction(() => {
        for (const o of update.orders) {
          if (store.orders.byClientId(o.clientOrderId)) store.orders.update(o);
          else store.orders.insert(o);
        }
      });
      broker.enqueueFills(update.fills);
    },
    riskContext: async () => {
      const now = clock.now();
      const ticker = await governor.read('fetchTicker', () => exchange.fetchTicker(filters.symbol));
      const price = Number(ticker.last);
      const last = store.candles.latest(filters.symbol, config.primaryTimeframe, 1)[0];
      if (!last) throw new InsufficientDataError(`no ${config.primaryTimeframe} candles cached yet`);
      // The watermarks come from the equity snapshots, which hold the whole account's equity.
      const equity = account ? account.equityAt(price) : broker.equityAt(price);
      const watermarks = EquityWatermarks.fromHistory(store.equity.series(0));
      return {
        now,
        state: tradingState(),
        price,
        lastCandle: { openTime: last.openTime, timeframeMs: TIMEFRAME_MS[config.primaryTimeframe] },
        positionQuantity: store.positions.get(filters.symbol)?.quantity ?? '0',
        equity,
        peakEquity: Math.max(watermarks.peakEquity, equity),
        dayStartEquity: watermarks.dayStartEquity || equity,
        ...(account?.otherPairsExposure ? { otherPairsExposure: account.otherPairsExposure() } : {}),
      };
    },
  });

  let timer: NodeJS.Timeout | null = null;
  const periodic = async () => {
    try {
      await reconciler.reconcile();
      outage?.recovered();
    } catch (error) {
      if (outage && isExchangeOutage(error)) outage.failed(error, 'live reconciliation');
      else log.warn({ err: error }, 'live reconciliation failed; retrying at the next interval');
    }
  };
  return {
    broker,
    reconciler,
    liveOrders,
    reconcileOnStart: async () => {
      await broker.refreshBalances();
      const result = await reconciler.reconcileJournal();
      log.info(result, 'live start-up reconciliation done');
    },
    useAccount: (marks) => {
      account = marks;
    },
    attach: (services) => {
      control = services.control;
      notifier = services.notifier;
      const c = control;
      reconciler.setPause(async (reason) => {
        if (c.status().state === 'RUNNING') await c.transition('pause', { id: 'system', role: 'system' }, reason);
      });
    },
    start: async () => {
      await periodic();
      timer = setInterval(() => void periodic(), config.LIVE_RECONCILE_SECONDS * 1000);
      timer.unref();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
