import type { BinanceMarketData } from '@warden/adapters/binance/binanceMarketData';
import { readTradingState } from '@warden/core/app/controlServiceImpl';
import type { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { ControlService } from '@warden/core/app/services';
import type { AppConfig } from '@warden/core/config/parseConfig';
import { CacheMarketFeed } from '@warden/core/cycle/cacheMarketFeed';
import type { StrategyHost } from '@warden/core/cycle/strategyHost';
import { TradingCycle } from '@warden/core/cycle/tradingCycle';
import type { Candle, SymbolFilters, Timeframe } from '@warden/core/domain/market';
import type { PaperBroker } from '@warden/core/execution/paperBroker';
import type { MetricsTracker } from '@warden/core/portfolio/metricsTracker';
import type { Broker } from '@warden/core/ports/broker';
import type { Notifier } from '@warden/core/ports/notifier';
import type { EquityWatermarks } from '@warden/core/risk/equityWatermarks';
import { RiskEngine } from '@warden/core/risk/riskEngine';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import type { StrategySettings } from '@warden/core/strategy/types';
import type { SqliteStore } from '@warden/storage/openStore';
import type { Logger } from 'pino';
import type { ExchangeOutage } from './exchangeOutage.js';
import { createLiveTrading, type LiveTrading } from './liveTrading.js';
import { restorePaperBroker, rewindPaperBroker } from './paperAccount.js';

/** A broker that can also mark the account in plain numbers (paper and live both can). */
type MarkedBroker = Broker & { equityAt(price: number): number; baseHeld(): number; state(): unknown };

export interface TradingStackDeps {
  readonly config: AppConfig;
  readonly store: SqliteStore;
  readonly logger: Logger;
  readonly market: BinanceMarketData;
  readonly settings: StrategySettings;
  readonly strategies: StrategyHost;
  readonly windows: () => Partial<Record<Timeframe, number>>;
  readonly control: ControlService;
  readonly notifier: Notifier;
  readonly liveUpdates: LiveUpdates;
  readonly metrics: MetricsTracker;
  readonly watermarks: EquityWatermarks;
  /** Live reconciliation reports an unreachable exchange here. */
  readonly outage?: Pick<ExchangeOutage, 'failed' | 'recovered'>;
}

export interface TradingStack {
  readonly filters: SymbolFilters;
  readonly broker: MarkedBroker;
  readonly paper: PaperBroker | null;
  readonly live: LiveTrading | null;
  readonly cycle: TradingCycle;
  preflight(): Promise<string[]>;
}

const SYSTEM = { id: 'system', role: 'system' } as const;

/**
 * Everything that needs the exchange: the symbol's filters, the broker (paper restored from its
 * checkpoint, or live with its journal reconciled) and the trading cycle. Throws while the exchange
 * cannot be reached; the caller retries.
 */
export async function connectTrading(d: TradingStackDeps): Promise<TradingStack> {
  const { config, store, logger, market } = d;
  const filters = await market.cache.getFilters(config.TRADING_SYMBOL);
  logger.debug({ filters }, 'symbol filters loaded from exchangeInfo');
  const clock = market.clock;
  // Live: journal reconciled with the exchange before the cycle reads positions (README, "Going live").
  const live = config.TRADING_MODE === 'live' ? createLiveTrading(config, store, logger, clock, filters, d.outage) : null;
  if (live) await live.reconcileOnStart();
  const paper = live ? null : restorePaperBroker(store, config, filters, logger, clock.now());
  const broker: MarkedBroker = live ? live.broker : (paper as PaperBroker);
  live?.attach({ control: d.control, notifier: d.notifier });

  const cycle = new TradingCycle({
    settings: d.settings,
    feed: new CacheMarketFeed(market.cache, config.TRADING_SYMBOL, config.primaryTimeframe, d.windows),
    broker,
    // Marked at price 0, equity is the quote held.
    account: { equityAt: (p) => broker.equityAt(p), baseTotal: () => broker.baseHeld(), quoteTotal: () => broker.equityAt(0) },
    store,
    strategies: d.strategies,
    risk: new RiskEngine(riskLimitsFromConfig(config)),
    filters,
    metrics: d.metrics,
    watermarks: d.watermarks,
    state: () => readTradingState(store),
    emergencyStop: async (reason) => {
      await d.control.transition('emergency_stop', SYSTEM, reason);
    },
    notifier: d.notifier,
    liveUpdates: d.liveUpdates,
    brokerCheckpoint: () => broker.state(),
    onCommitFailed: () => {
      if (paper) rewindPaperBroker(store, paper);
    },
    snapshotEveryCycle: true,
  });

  const preflight = async (): Promise<string[]> => {
    const { strategy } = d.strategies.current();
    if (!strategy.preflight) return [];
    const price = await market.cache.getPrice(config.TRADING_SYMBOL).catch(() => null);
    if (price === null) return [];
    const candles: Partial<Record<Timeframe, readonly Candle[]>> = {};
    for (const [tf, n] of Object.entries(d.windows()) as Array<[Timeframe, number]>)
      candles[tf] = store.candles.latest(config.TRADING_SYMBOL, tf, n);
    return strategy.preflight({
      now: clock.now(),
      symbol: config.TRADING_SYMBOL,
      candles,
      price,
      filters,
      baseBalance: broker.baseHeld(),
      quoteBalance: broker.equityAt(0),
      equity: broker.equityAt(price),
      position: { quantity: broker.baseHeld(), avgEntryPrice: Number(store.positions.get(config.TRADING_SYMBOL)?.avgEntryPrice ?? 0) },
      explainHolds: true,
    });
  };

  return { filters, broker, paper, live, cycle, preflight };
}
