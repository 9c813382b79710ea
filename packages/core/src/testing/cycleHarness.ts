import { CONFIG_KEYS } from '../app/configKeys.js';
import { ReplayFeed } from '../backtest/replayFeed.js';
import { parseConfig } from '../config/parseConfig.js';
import { strategySettingsFromConfig } from '../cycle/settings.js';
import { StrategyHost } from '../cycle/strategyHost.js';
import { TradingCycle } from '../cycle/tradingCycle.js';
import { type Candle, type SymbolFilters, TIMEFRAME_MS, type Timeframe } from '../domain/market.js';
import { PaperBroker, paperBrokerOptionsFromConfig } from '../execution/paperBroker.js';
import { MetricsTracker } from '../portfolio/metricsTracker.js';
import type { Broker } from '../ports/broker.js';
import { silentNotifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import { EquityWatermarks } from '../risk/equityWatermarks.js';
import { RiskEngine } from '../risk/riskEngine.js';
import { riskLimitsFromConfig } from '../risk/riskLimits.js';
import type { TradingState } from '../state/tradingState.js';
import { BTC_FILTERS } from '../strategy/testing/contextBuilder.js';

export { BTC_FILTERS };

export interface PaperCycleHarness {
  readonly cycle: TradingCycle;
  readonly broker: PaperBroker;
  readonly feed: ReplayFeed;
  state: TradingState;
  /** Closes primary candle `i` and runs one cycle at its close. */
  step(i: number): ReturnType<TradingCycle['run']>;
}

/**
 * The paper wiring of `warden start` (paper broker restored from the store's checkpoint, snapshots
 * every cycle) driven by recorded candles instead of the exchange: lets tests compare paper with
 * backtest and simulate restarts against any Store.
 */
export function paperCycleHarness(
  store: Store,
  candles: Partial<Record<Timeframe, readonly Candle[]>>,
  env: Record<string, string>,
  filters: SymbolFilters = BTC_FILTERS,
  /** Feed and broker answer with promises, as the exchange adapters do: the cycle's waiting path. */
  options: { readonly answerLater?: boolean } = {},
): PaperCycleHarness {
  const config = parseConfig(env);
  const settings = strategySettingsFromConfig(config);
  const host = new StrategyHost(store, settings);
  host.seed(config.TRADING_ACTIVE_STRATEGY, 0);
  const brokerOptions = paperBrokerOptionsFromConfig(config, filters);
  const saved = store.config.get<unknown>(CONFIG_KEYS.paperAccount);
  const broker = saved ? PaperBroker.restore(saved, brokerOptions) : PaperBroker.start(brokerOptions, config.TRADING_PAPER_STARTING_EQUITY);
  const feed = new ReplayFeed(candles, settings.primaryTimeframe);
  const harness: PaperCycleHarness = {
    state: (store.config.get<TradingState>(CONFIG_KEYS.tradingState) ?? 'RUNNING') as TradingState,
    broker,
    feed,
    cycle: undefined as unknown as TradingCycle,
    step: (i) => harness.cycle.run(feed.advance(i)),
  };
  (harness as { cycle: TradingCycle }).cycle = new TradingCycle({
    settings,
    feed: options.answerLater ? { snapshot: async (now) => feed.snapshot(now) } : feed,
    broker: options.answerLater ? answeringLater(broker) : broker,
    account: { equityAt: (p) => broker.equityAt(p), baseTotal: () => broker.baseHeld(), quoteTotal: () => broker.equityAt(0) },
    store,
    strategies: host,
    risk: new RiskEngine(riskLimitsFromConfig(config)),
    filters,
    metrics: new MetricsTracker({
      startingEquity: config.TRADING_PAPER_STARTING_EQUITY,
      periodMs: TIMEFRAME_MS[settings.primaryTimeframe],
    }),
    watermarks: EquityWatermarks.fromHistory(store.equity.series(0)),
    state: () => harness.state,
    emergencyStop: async () => {
      harness.state = 'EMERGENCY_STOP';
      store.config.set(CONFIG_KEYS.tradingState, 'EMERGENCY_STOP', 'system', 0);
    },
    notifier: silentNotifier,
    brokerCheckpoint: () => broker.state(),
    onCommitFailed: () => {
      const checkpoint = store.config.get<unknown>(CONFIG_KEYS.paperAccount);
      if (checkpoint) broker.resetTo(checkpoint);
      else broker.resetTo(PaperBroker.start(brokerOptions, config.TRADING_PAPER_STARTING_EQUITY).state());
    },
    snapshotEveryCycle: true,
  });
  return harness;
}

/** The paper broker behind promises, like a broker that must ask the network. */
function answeringLater(broker: PaperBroker): Broker {
  return {
    mode: broker.mode,
    submit: async (intent, tick) => broker.submit(intent, tick),
    cancel: async (clientOrderId, now) => broker.cancel(clientOrderId, now),
    cancelAll: async (symbol, now) => broker.cancelAll(symbol, now),
    openOrders: async (symbol) => broker.openOrders(symbol),
    balances: async () => broker.balances(),
    sync: async (tick) => broker.sync(tick),
  };
}
