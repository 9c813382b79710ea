import type { BinanceMarketData } from '@warden/adapters/binance/binanceMarketData';
import { isUnknownSymbol } from '@warden/adapters/binance/exchangeErrors';
import { AccountBalanceBook } from '@warden/adapters/binance/live/accountBalanceBook';
import { adoptLegacyBaseline, baselineKey } from '@warden/adapters/binance/live/liveReconciler';
import { readTradingState } from '@warden/core/app/controlServiceImpl';
import type { LiveUpdates } from '@warden/core/app/liveUpdates';
import type { ControlService } from '@warden/core/app/services';
import type { AppConfig } from '@warden/core/config/parseConfig';
import { CacheMarketFeed } from '@warden/core/cycle/cacheMarketFeed';
import { assemblePortfolio, type PortfolioAssembly } from '@warden/core/cycle/portfolioAssembly';
import type { Candle, SymbolFilters, Timeframe } from '@warden/core/domain/market';
import { ConfigError } from '@warden/core/errors/errors';
import type { PaperPortfolio } from '@warden/core/execution/paperPortfolio';
import type { MetricsTracker } from '@warden/core/portfolio/metricsTracker';
import type { PairHoldings } from '@warden/core/portfolio/portfolioMarks';
import type { Broker } from '@warden/core/ports/broker';
import type { Notifier } from '@warden/core/ports/notifier';
import type { EquityWatermarks } from '@warden/core/risk/equityWatermarks';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { effectivePairState, readPairState } from '@warden/core/state/pairState';
import type { SqliteStore } from '@warden/storage/openStore';
import type { Logger } from 'pino';
import { droppedLivePairProblems } from './droppedLivePairs.js';
import type { ExchangeOutage } from './exchangeOutage.js';
import { createLiveTrading, type LiveTrading } from './liveTrading.js';
import { PairRoutingBroker } from './pairRoutingBroker.js';
import { legacySymbol, type PairRuntime } from './pairRuntimes.js';
import { carriedPairsValue, restorePaperAccount, rewindPaperAccount } from './paperAccount.js';

export interface PortfolioStackDeps {
  readonly config: AppConfig;
  readonly store: SqliteStore;
  readonly logger: Logger;
  readonly market: BinanceMarketData;
  readonly pairs: readonly PairRuntime[];
  readonly control: ControlService;
  readonly notifier: Notifier;
  readonly liveUpdates: LiveUpdates;
  /** Each pair's tracker, rebuilt from the store's history. */
  readonly pairMetrics: (symbol: string, periodMs: number) => MetricsTracker;
  readonly watermarks: EquityWatermarks;
  readonly startingEquity: number;
  /** A pair's cycle failed: the runtime audits, logs and notifies; the other pairs carry on. */
  readonly onPairFailed: (symbol: string, error: unknown, now: number) => void;
  /** Live reconciliation reports an unreachable exchange here. */
  readonly outage?: Pick<ExchangeOutage, 'failed' | 'recovered'>;
}

export interface PortfolioStack {
  readonly filters: ReadonlyMap<string, SymbolFilters>;
  /** Routes by symbol to each pair's broker (the control service cancels through it). */
  readonly broker: PairRoutingBroker;
  readonly paper: PaperPortfolio | null;
  readonly live: ReadonlyMap<string, LiveTrading>;
  readonly assembly: PortfolioAssembly;
  /** Problems that stop a pair's strategy from trading (a grid's capital too small), named by pair. */
  preflight(): Promise<string[]>;
}

const SYSTEM = { id: 'system', role: 'system' } as const;

/** A live pair's holdings in plain numbers: base held, plus what its resting buys (the journal) may still spend. */
function liveHoldings(live: LiveTrading, store: SqliteStore, symbol: string): PairHoldings {
  return {
    baseHeld: () => live.broker.baseHeld(),
    exposureAt: (price) => {
      let restingBuys = 0;
      for (const o of store.orders.open(symbol))
        if (o.side === 'BUY' && o.price !== null) restingBuys += (Number(o.quantity) - Number(o.filledQuantity)) * Number(o.price);
      return live.broker.baseHeld() * price + restingBuys;
    },
  };
}

/**
 * The live balance check's baseline of a database written before several pairs (one key) becomes the
 * baseline of the base asset that database traded; audited. Each pair's base then has its own.
 */
function moveLegacyBaseline(store: SqliteStore, config: AppConfig, now: number, logger: Logger): void {
  const asset = legacySymbol(store, config).split('/')[0] as string;
  if (!store.transaction(() => adoptLegacyBaseline(store, asset, now))) return;
  store.audit.append({
    time: now,
    type: 'storage.live_baseline_migrated',
    actor: 'system',
    reason: `the live balance check's baseline of the single-pair database now belongs to ${asset}`,
    inputs: { asset, key: baselineKey(asset) },
  });
  logger.info(`the live balance check's baseline of the single-pair database now belongs to ${asset}`);
}

/**
 * Each pair's exchange filters. A pair the exchange refuses for good (not listed: Binance's -1121
 * "Invalid symbol", a FatalExchangeError) is a setting to change, not an outage: a ConfigError naming
 * TRADING_SYMBOLS and every such pair. Before, one unlisted pair among several was retried forever as
 * "cannot connect to the exchange yet" and no pair traded. Transient errors still throw as they are
 * (the caller retries).
 */
async function pairFilters(
  pairs: readonly Pick<PairRuntime, 'symbol'>[],
  fetch: (symbol: string) => Promise<SymbolFilters>,
): Promise<Map<string, SymbolFilters>> {
  const filters = new Map<string, SymbolFilters>();
  const refused: string[] = [];
  for (const { symbol } of pairs) {
    try {
      filters.set(symbol, await fetch(symbol));
    } catch (error) {
      if (!isUnknownSymbol(error)) throw error;
      refused.push(`TRADING_SYMBOLS: the exchange does not list ${symbol} (${error.message}); remove or correct it`);
    }
  }
  if (refused.length > 0) throw new ConfigError(refused);
  return filters;
}

/**
 * Everything that needs the exchange, for every traded pair: its filters, its broker (paper: one
 * account over every pair, restored from its checkpoint; live: each pair's order journal reconciled
 * with the exchange) and its trading cycle, assembled into one portfolio under one risk budget.
 * Throws while the exchange cannot be reached; the caller retries. Throws a ConfigError (no use
 * retrying) when the exchange refuses a traded pair (not listed), or when live and a pair the
 * database traded is no longer listed but still held.
 */
export async function connectPortfolio(d: PortfolioStackDeps): Promise<PortfolioStack> {
  const { config, store, logger, market } = d;
  const filters = await pairFilters(d.pairs, (symbol) => market.cache.getFilters(symbol));
  logger.debug({ filters: Object.fromEntries(filters) }, 'symbol filters loaded from exchangeInfo');
  const clock = market.clock;
  const live = new Map<string, LiveTrading>();
  if (config.TRADING_MODE === 'live') {
    // Each pair's journal is reconciled with the exchange before any cycle reads positions (README, "Going live").
    // One account: every pair's broker reads and sees the same balances.
    const account = new AccountBalanceBook();
    moveLegacyBaseline(store, config, clock.now(), logger);
    for (const pair of d.pairs) {
      const trading = createLiveTrading(config, store, logger, clock, filters.get(pair.symbol) as SymbolFilters, d.outage, account);
      await trading.reconcileOnStart();
      trading.attach({ control: d.control, notifier: d.notifier });
      live.set(pair.symbol, trading);
    }
    // A pair dropped from the list while the account still holds it would skew the equity the stops watch.
    const dropped = await droppedLivePairProblems({
      store,
      traded: d.pairs.map((p) => p.symbol),
      account,
      filters: (symbol) => market.cache.getFilters(symbol),
      price: (symbol) => market.cache.getPrice(symbol),
    });
    if (dropped.length > 0) throw new ConfigError(dropped);
  }
  const paper = live.size > 0 ? null : restorePaperAccount(store, config, filters, logger, clock.now());
  const brokers = new Map<string, Broker>();
  const holdings = new Map<string, PairHoldings>();
  for (const pair of d.pairs) {
    const liveTrading = live.get(pair.symbol);
    if (liveTrading) {
      brokers.set(pair.symbol, liveTrading.broker);
      holdings.set(pair.symbol, liveHoldings(liveTrading, store, pair.symbol));
    } else {
      const broker = (paper as PaperPortfolio).broker(pair.symbol);
      brokers.set(pair.symbol, broker);
      holdings.set(pair.symbol, broker);
    }
  }
  const firstLive = live.values().next().value as LiveTrading | undefined;
  // Every pair trades one account: the quote balance is the account's (live: as the exchange last reported it).
  const quoteHeld = paper ? () => paper.ledger.total : () => firstLive?.broker.quoteHeld() ?? 0;

  // Every pair valued from the first tick on: at the exchange's price now, else its last cached close.
  const initialMarks = new Map<string, number>();
  for (const pair of d.pairs) {
    const cached = store.candles.latest(pair.symbol, config.primaryTimeframe, 1)[0];
    const price = await market.cache.getPrice(pair.symbol).catch(() => (cached ? Number(cached.close) : 0));
    if (price > 0) initialMarks.set(pair.symbol, price);
  }

  // Paper: pairs dropped from TRADING_SYMBOLS keep their balance in the account, valued at their last price.
  const heldOutside = paper ? carriedPairsValue(paper, store, config.primaryTimeframe, legacySymbol(store, config), logger) : 0;

  const assembly = assemblePortfolio({
    store,
    initialMarks,
    heldOutside: () => heldOutside,
    pairs: d.pairs.map((pair) => ({
      settings: pair.settings,
      filters: filters.get(pair.symbol) as SymbolFilters,
      feed: new CacheMarketFeed(market.cache, pair.symbol, config.primaryTimeframe, pair.windows),
      broker: brokers.get(pair.symbol) as Broker,
      holdings: holdings.get(pair.symbol) as PairHoldings,
      strategies: pair.strategies,
    })),
    quoteHeld,
    riskLimits: riskLimitsFromConfig(config),
    watermarks: d.watermarks,
    startingEquity: d.startingEquity,
    state: (symbol) =>
      effectivePairState(readTradingState(store), readPairState(d.pairs.find((p) => p.symbol === symbol)?.store.config ?? store.config)),
    emergencyStop: async (reason) => {
      await d.control.transition('emergency_stop', SYSTEM, reason);
    },
    notifier: d.notifier,
    liveUpdates: d.liveUpdates,
    ...(paper ? { brokerCheckpoint: () => paper.state(), onCommitFailed: () => rewindPaperAccount(store, paper) } : {}),
    snapshotEveryCycle: true,
    pairMetrics: d.pairMetrics,
    portfolioOptions: { onPairFailed: d.onPairFailed },
  });

  // Manual live orders see the account as the cycle does (its equity, the other pairs' exposure).
  for (const [symbol, trading] of live) trading.useAccount(assembly.marks.accountFor(symbol));

  const preflight = async (): Promise<string[]> => {
    const problems: string[] = [];
    for (const pair of d.pairs) {
      const { strategy } = pair.strategies.current();
      if (!strategy.preflight) continue;
      const price = await market.cache.getPrice(pair.symbol).catch(() => null);
      if (price === null) continue;
      const candles: Partial<Record<Timeframe, readonly Candle[]>> = {};
      for (const [tf, n] of Object.entries(pair.windows()) as Array<[Timeframe, number]>)
        candles[tf] = store.candles.latest(pair.symbol, tf, n);
      const account = assembly.marks.accountFor(pair.symbol);
      const found = strategy.preflight({
        now: clock.now(),
        symbol: pair.symbol,
        candles,
        price,
        filters: filters.get(pair.symbol) as SymbolFilters,
        baseBalance: account.baseTotal(),
        quoteBalance: account.quoteTotal(),
        equity: account.equityAt(price),
        position: { quantity: account.baseTotal(), avgEntryPrice: Number(store.positions.get(pair.symbol)?.avgEntryPrice ?? 0) },
        explainHolds: true,
      });
      problems.push(...(d.pairs.length > 1 ? found.map((p) => `${pair.symbol}: ${p}`) : found));
    }
    return problems;
  };

  return { filters, broker: new PairRoutingBroker(config.TRADING_MODE, brokers), paper, live, assembly, preflight };
}
