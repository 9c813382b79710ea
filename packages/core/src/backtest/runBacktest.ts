import { CONFIG_KEYS } from '../app/configKeys.js';
import { StrategyHost } from '../cycle/strategyHost.js';
import { TradingCycle } from '../cycle/tradingCycle.js';
import { type Candle, type SymbolFilters, TIMEFRAME_MS, type Timeframe } from '../domain/market.js';
import type { Fill, Order } from '../domain/orders.js';
import { PaperBroker, type PaperBrokerOptions } from '../execution/paperBroker.js';
import { MetricsTracker } from '../portfolio/metricsTracker.js';
import { isPending } from '../ports/maybePromise.js';
import { silentNotifier } from '../ports/notifier.js';
import { EquityWatermarks } from '../risk/equityWatermarks.js';
import { RiskEngine } from '../risk/riskEngine.js';
import type { RiskLimits } from '../risk/riskLimits.js';
import type { TradingState } from '../state/tradingState.js';
import type { StrategySettings } from '../strategy/types.js';
import { ActivityTally } from './activityTally.js';
import { InMemoryStore } from './inMemoryStore.js';
import { ReplayFeed } from './replayFeed.js';

export interface BacktestInput {
  /** Candles per timeframe; the primary timeframe (settings.primaryTimeframe) drives the cycles. */
  readonly candles: Readonly<Partial<Record<Timeframe, readonly Candle[]>>>;
  readonly settings: StrategySettings;
  readonly strategy: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly filters: SymbolFilters;
  readonly startingEquity: number;
  readonly riskLimits: RiskLimits;
  readonly paper: PaperBrokerOptions;
  /** Only cycles with candle open time in [from, to] trade; earlier candles still warm indicators up. */
  readonly from?: number;
  readonly to?: number;
  /** Points kept in the equity curve (evenly sampled). */
  readonly curvePoints?: number;
}

export interface BacktestResult {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: number;
  readonly from: number | null;
  readonly to: number | null;
  readonly startingEquity: number;
  readonly finalEquity: number;
  readonly returnPct: number;
  readonly buyHoldReturnPct: number;
  readonly maxDrawdownPct: number;
  readonly winRate: number;
  readonly profitFactor: number | null;
  readonly sharpe: number | null;
  readonly trades: number;
  readonly feesPaid: number;
  readonly exposurePct: number;
  readonly emergencyStopAt: number | null;
  /** What the strategy asked for and what the risk engine said, counted over the traded candles. */
  readonly activity: BacktestActivity;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly equityCurve: ReadonlyArray<{ readonly time: number; readonly equity: number; readonly price: number }>;
}

/**
 * Decisions of a backtest, counted: the strategy's BUY/SELL signals and HOLD reasons, and the risk
 * engine's verdicts with every block reason (a signal blocked for two reasons counts in both), so
 * a run without trades can say why.
 */
export interface BacktestActivity {
  readonly buySignals: number;
  readonly sellSignals: number;
  readonly allowed: number;
  readonly blocked: number;
  /** Block reason code → how many decisions it was among the reasons of. */
  readonly blockReasons: Readonly<Record<string, number>>;
  /** HOLD reason → count. */
  readonly holdReasons: Readonly<Record<string, number>>;
}

/**
 * A backtest is the trading cycle run over recorded candles with a simulated clock, the paper
 * broker and an in-memory store: the same code as paper trading, so the same candles give the
 * same orders. Deterministic: nothing here reads the wall clock or a random source.
 */
export async function runBacktest(input: BacktestInput): Promise<BacktestResult> {
  const { settings } = input;
  const primary = input.candles[settings.primaryTimeframe] ?? [];
  // The cycle audits a backtest's decisions as it does paper's, but nothing reads them back: the
  // report is built from the orders, the fills and the equity curve, so no event is kept in memory.
  const store = new InMemoryStore(0);
  const firstTime = primary[0]?.openTime ?? 0;
  store.config.set(CONFIG_KEYS.activeStrategy, input.strategy, 'backtest', firstTime);
  if (input.params) store.config.set(CONFIG_KEYS.strategyParams(input.strategy), input.params, 'backtest', firstTime);
  const host = new StrategyHost(store, settings);
  const active = host.current();
  const broker = PaperBroker.start(input.paper, input.startingEquity);
  const feed = new ReplayFeed(input.candles, settings.primaryTimeframe);
  const metrics = new MetricsTracker({ startingEquity: input.startingEquity, periodMs: TIMEFRAME_MS[settings.primaryTimeframe] });
  const watermarks = new EquityWatermarks();
  let state: TradingState = 'RUNNING';
  let emergencyStopAt: number | null = null;
  let now = firstTime;
  const cycle = new TradingCycle({
    settings,
    feed,
    broker,
    account: {
      equityAt: (p) => broker.equityAt(p),
      baseTotal: () => broker.baseHeld(),
      quoteTotal: () => broker.equityAt(0) /* marked at price 0, equity is the quote held */,
    },
    store,
    strategies: host,
    risk: new RiskEngine(input.riskLimits),
    filters: input.filters,
    metrics,
    watermarks,
    state: () => state,
    emergencyStop: () => {
      state = 'EMERGENCY_STOP';
      emergencyStopAt = now;
      broker.cancelAll(settings.symbol, now);
    },
    notifier: silentNotifier,
    replay: true,
  });

  const curve: Array<{ time: number; equity: number; price: number }> = [];
  const wanted = input.curvePoints ?? 500;
  const from = input.from ?? Number.NEGATIVE_INFINITY;
  const to = input.to ?? Number.POSITIVE_INFINITY;
  let firstPrice: number | null = null;
  let lastPrice = 0;
  let traded = 0;
  let finalEquity = input.startingEquity;
  const stride = Math.max(1, Math.floor(primary.length / wanted));
  const tally = new ActivityTally();
  for (let i = 0; i < primary.length; i++) {
    const candle = primary[i] as Candle;
    now = feed.advance(i);
    if (candle.openTime < from || candle.openTime > to) continue;
    firstPrice ??= candle.close;
    lastPrice = candle.close;
    traded++;
    // The replayed feed and the paper broker answer at once, so the cycle does too: no promise per candle.
    const stepped = cycle.step(now);
    const outcome = isPending(stepped) ? await stepped : stepped;
    finalEquity = outcome.equity;
    tally.add(outcome);
    if (traded % stride === 0 || i === primary.length - 1) curve.push({ time: now, equity: outcome.equity, price: candle.close });
  }

  const snap = metrics.snapshot(now, null);
  const fills = store.fills.all(settings.symbol);
  return {
    strategy: input.strategy,
    params: active.params,
    symbol: settings.symbol,
    timeframe: settings.primaryTimeframe,
    candles: traded,
    from: primary.find((c) => c.openTime >= from)?.openTime ?? null,
    to: lastPrice ? now : null,
    startingEquity: input.startingEquity,
    finalEquity,
    returnPct: ((finalEquity - input.startingEquity) / input.startingEquity) * 100,
    buyHoldReturnPct: firstPrice ? ((lastPrice - firstPrice) / firstPrice) * 100 : 0,
    maxDrawdownPct: snap.maxDrawdownPct,
    winRate: snap.winRate,
    profitFactor: snap.profitFactor,
    sharpe: snap.sharpe,
    trades: fills.length,
    feesPaid: snap.feesPaid,
    exposurePct: snap.exposurePct,
    emergencyStopAt,
    activity: tally.result(),
    orders: store.allOrders(),
    fills,
    equityCurve: curve,
  };
}
