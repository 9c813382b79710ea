import { CONFIG_KEYS } from '../app/configKeys.js';
import type { CycleOutcome } from '../cycle/cycleDeps.js';
import { assemblePortfolio } from '../cycle/portfolioAssembly.js';
import type { StrategyHost } from '../cycle/strategyHost.js';
import type { TradingCycle } from '../cycle/tradingCycle.js';
import { type Candle, type SymbolFilters, TIMEFRAME_MS, type Timeframe } from '../domain/market.js';
import type { Fill } from '../domain/orders.js';
import type { PaperBrokerOptions } from '../execution/paperBroker.js';
import { PaperPortfolio } from '../execution/paperPortfolio.js';
import type { MetricsTracker } from '../portfolio/metricsTracker.js';
import { pairStore } from '../portfolio/pairStore.js';
import type { PortfolioMarks } from '../portfolio/portfolioMarks.js';
import { isPending } from '../ports/maybePromise.js';
import { silentNotifier } from '../ports/notifier.js';
import { EquityWatermarks } from '../risk/equityWatermarks.js';
import type { RiskLimits } from '../risk/riskLimits.js';
import type { TradingState } from '../state/tradingState.js';
import type { StrategySettings } from '../strategy/types.js';
import { ActivityTally } from './activityTally.js';
import { InMemoryStore } from './inMemoryStore.js';
import { ReplayFeed } from './replayFeed.js';
import type { BacktestActivity } from './runBacktest.js';

/** One pair of a portfolio backtest: its candles, strategy, parameters and exchange filters. */
export interface PortfolioPairInput {
  readonly candles: Readonly<Partial<Record<Timeframe, readonly Candle[]>>>;
  /** The pair's settings (symbol, primary timeframe and the timeframes it reads). */
  readonly settings: StrategySettings;
  readonly strategy: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly filters: SymbolFilters;
  /**
   * The pair's strategy host; by default one over the registry's `strategy` with `params`. Tests
   * pass a host of their own (random signals) to check the budget holds whatever is asked.
   */
  readonly host?: Pick<StrategyHost, 'current' | 'invalidate'>;
}

export interface PortfolioBacktestInput {
  readonly pairs: readonly PortfolioPairInput[];
  /** The shared starting balance, in the common quote asset. */
  readonly startingEquity: number;
  readonly riskLimits: RiskLimits;
  /** The paper venue's settings, the same for every pair (each pair's own filters are added). */
  readonly paper: Omit<PaperBrokerOptions, 'filters'>;
  /** Only candles with open time in [from, to] trade; earlier ones warm indicators up. */
  readonly from?: number;
  readonly to?: number;
  readonly curvePoints?: number;
  /** Called after each pair's cycle with its outcome (tests check the account's invariants here). */
  readonly onPairStep?: (symbol: string, outcome: CycleOutcome, portfolio: PaperPortfolio, marks: PortfolioMarks) => void;
}

/** What one pair did inside the portfolio, in the quote asset. */
export interface PortfolioPairResult {
  readonly symbol: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly timeframe: Timeframe;
  readonly candles: number;
  readonly trades: number;
  readonly feesPaid: number;
  /** Quote received − quote spent − quote fees + what the pair holds at its last price. */
  readonly pnl: number;
  /** The pair's last price × what it still holds. */
  readonly holdingValue: number;
  readonly winRate: number;
  readonly buyHoldReturnPct: number;
  readonly activity: BacktestActivity;
  readonly fills: readonly Fill[];
}

export interface PortfolioBacktestResult {
  readonly quote: string;
  readonly startingEquity: number;
  readonly finalEquity: number;
  readonly returnPct: number;
  readonly maxDrawdownPct: number;
  readonly sharpe: number | null;
  readonly trades: number;
  readonly feesPaid: number;
  readonly exposurePct: number;
  readonly emergencyStopAt: number | null;
  readonly from: number | null;
  readonly to: number | null;
  readonly pairs: readonly PortfolioPairResult[];
  readonly equityCurve: ReadonlyArray<{ readonly time: number; readonly equity: number }>;
}

interface Track {
  readonly input: PortfolioPairInput;
  readonly primary: readonly Candle[];
  readonly feed: ReplayFeed;
  readonly cycle: TradingCycle;
  readonly host: Pick<StrategyHost, 'current' | 'invalidate'>;
  readonly metrics: MetricsTracker;
  readonly tally: ActivityTally;
  readonly periodMs: number;
  next: number;
  traded: number;
  firstPrice: number | null;
  lastPrice: number;
}

/**
 * Several pairs backtested as one account: each pair's trading cycle (the same code as a single
 * pair, paper and live) over its own recorded candles, every pair sized against one shared quote
 * balance and one set of risk limits (per-pair RISK_MAX_POSITION_PCT, RISK_MAX_TOTAL_EXPOSURE_PCT,
 * and the daily-loss and drawdown limits on the account's equity). Time advances candle close by
 * candle close across all pairs; pairs whose candles close at the same instant run in the given
 * order. Deterministic, like `runBacktest`.
 */
export async function runPortfolioBacktest(input: PortfolioBacktestInput): Promise<PortfolioBacktestResult> {
  const store = new InMemoryStore(0);
  const portfolio = PaperPortfolio.start(
    input.pairs.map((p) => ({ filters: p.filters, ...input.paper })),
    input.startingEquity,
  );
  let state: TradingState = 'RUNNING';
  let emergencyStopAt: number | null = null;
  let now = 0;
  const feeds = new Map<string, ReplayFeed>();
  for (const p of input.pairs) {
    const symbol = p.settings.symbol;
    const scoped = pairStore(store, symbol);
    const first = p.candles[p.settings.primaryTimeframe]?.[0]?.openTime ?? 0;
    scoped.config.set(CONFIG_KEYS.activeStrategy, p.strategy, 'backtest', first);
    if (p.params) scoped.config.set(CONFIG_KEYS.strategyParams(p.strategy), p.params, 'backtest', first);
    feeds.set(symbol, new ReplayFeed(p.candles, p.settings.primaryTimeframe));
  }
  const assembly = assemblePortfolio({
    store,
    pairs: input.pairs.map((p) => {
      const broker = portfolio.broker(p.settings.symbol);
      return {
        settings: p.settings,
        filters: p.filters,
        feed: feeds.get(p.settings.symbol) as ReplayFeed,
        broker,
        holdings: broker,
        ...(p.host ? { strategies: p.host } : {}),
      };
    }),
    quoteHeld: () => portfolio.ledger.total,
    riskLimits: input.riskLimits,
    watermarks: new EquityWatermarks(),
    startingEquity: input.startingEquity,
    state: () => state,
    emergencyStop: () => {
      state = 'EMERGENCY_STOP';
      emergencyStopAt = now;
      for (const [pair, b] of portfolio.brokers) b.cancelAll(pair, now);
    },
    notifier: silentNotifier,
    replay: true,
  });
  const { marks } = assembly;
  const total = assembly.metrics.total;
  const tracks: Track[] = input.pairs.map((p) => {
    const symbol = p.settings.symbol;
    return {
      input: p,
      primary: p.candles[p.settings.primaryTimeframe] ?? [],
      feed: feeds.get(symbol) as ReplayFeed,
      cycle: assembly.cycles.get(symbol) as TradingCycle,
      host: assembly.hosts.get(symbol) as Pick<StrategyHost, 'current' | 'invalidate'>,
      metrics: assembly.metrics.pairs.get(symbol) as MetricsTracker,
      tally: new ActivityTally(),
      periodMs: TIMEFRAME_MS[p.settings.primaryTimeframe],
      next: 0,
      traded: 0,
      firstPrice: null,
      lastPrice: 0,
    };
  });

  const from = input.from ?? Number.NEGATIVE_INFINITY;
  const to = input.to ?? Number.POSITIVE_INFINITY;
  const curve: Array<{ time: number; equity: number }> = [];
  const steps: number[] = [];
  const due: Track[] = [];
  let firstTradedAt: number | null = null;
  for (;;) {
    // The next instant any pair's primary candle closes.
    let at = Number.POSITIVE_INFINITY;
    for (const t of tracks) {
      const c = t.primary[t.next];
      if (c && c.openTime + t.periodMs < at) at = c.openTime + t.periodMs;
    }
    if (at === Number.POSITIVE_INFINITY) break;
    now = at;
    // Every pair whose candle closes now is marked at that close before any of them runs: the first
    // pair's cycle valued the others at their previous close, so two pairs moving opposite ways in
    // the same candle showed the account a peak it never had, and a false drawdown stop.
    due.length = 0;
    for (const t of tracks) {
      const c = t.primary[t.next];
      if (!c || c.openTime + t.periodMs !== at) continue;
      t.feed.advance(t.next++);
      if (c.openTime < from || c.openTime > to) continue;
      t.firstPrice ??= c.close;
      t.lastPrice = c.close;
      t.traded++;
      marks.mark(t.input.settings.symbol, c.close);
      due.push(t);
    }
    const tradedNow = due.length > 0;
    for (const t of due) {
      const stepped = t.cycle.step(at);
      const outcome = isPending(stepped) ? await stepped : stepped;
      t.tally.add(outcome);
      input.onPairStep?.(t.input.settings.symbol, outcome, portfolio, marks);
    }
    if (!tradedNow) continue;
    firstTradedAt ??= at;
    const equity = marks.equity();
    total.onEquity(at, equity, equity > 0 ? exposureValue(marks) / equity : 0);
    steps.push(at);
    curve.push({ time: at, equity });
  }

  const snap = total.snapshot(now, null);
  const finalEquity = curve[curve.length - 1]?.equity ?? input.startingEquity;
  const pairs = tracks.map((t) =>
    pairResult(t, store.fills.all(t.input.settings.symbol), portfolio.broker(t.input.settings.symbol).baseHeld()),
  );
  return {
    quote: portfolio.quoteAsset,
    startingEquity: input.startingEquity,
    finalEquity,
    returnPct: ((finalEquity - input.startingEquity) / input.startingEquity) * 100,
    maxDrawdownPct: snap.maxDrawdownPct,
    sharpe: snap.sharpe,
    trades: pairs.reduce((n, p) => n + p.trades, 0),
    feesPaid: pairs.reduce((n, p) => n + p.feesPaid, 0),
    exposurePct: snap.exposurePct,
    emergencyStopAt,
    from: firstTradedAt,
    to: steps.length > 0 ? (steps[steps.length - 1] as number) : null,
    pairs,
    equityCurve: sample(curve, input.curvePoints ?? 500),
  };
}

function exposureValue(marks: PortfolioMarks): number {
  let value = 0;
  for (const a of marks.allocation()) value += a.value;
  return value;
}

function pairResult(t: Track, fills: readonly Fill[], baseHeld: number): PortfolioPairResult {
  let cash = 0;
  let fees = 0;
  for (const f of fills) {
    const quoteQty = Number(f.quoteQuantity);
    const fee = Number(f.fee);
    if (f.side === 'BUY') {
      cash -= quoteQty;
      fees += fee * Number(f.price); // a buy's fee is taken in base
    } else {
      cash += quoteQty - fee;
      fees += fee;
    }
  }
  const holdingValue = baseHeld * t.lastPrice;
  const snap = t.metrics.snapshot(0, null);
  return {
    symbol: t.input.settings.symbol,
    strategy: t.input.strategy,
    params: t.host.current().params,
    timeframe: t.input.settings.primaryTimeframe,
    candles: t.traded,
    trades: fills.length,
    feesPaid: fees,
    pnl: cash + holdingValue,
    holdingValue,
    winRate: snap.winRate,
    buyHoldReturnPct: t.firstPrice ? ((t.lastPrice - t.firstPrice) / t.firstPrice) * 100 : 0,
    activity: t.tally.result(),
    fills,
  };
}

function sample<T>(points: readonly T[], wanted: number): T[] {
  if (points.length <= wanted) return [...points];
  const stride = points.length / wanted;
  const out: T[] = [];
  for (let i = 0; i < wanted; i++) out.push(points[Math.floor(i * stride)] as T);
  out.push(points[points.length - 1] as T);
  return out;
}
