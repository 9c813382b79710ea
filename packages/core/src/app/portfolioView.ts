import type { Store } from '../ports/store.js';
import type { TradingState } from '../state/tradingState.js';
import type { PairStatus, SystemStatus } from './services.js';

/** One pair of the account as the operator sees it (quote amounts in the shared quote asset). */
export interface PairHoldingView {
  readonly symbol: string;
  readonly strategy: string;
  readonly state: TradingState;
  readonly paused: boolean;
  /** The price of the pair's latest equity snapshot; null before its first cycle. */
  readonly price: number | null;
  /** Base asset held (free + locked), from the same snapshot. */
  readonly baseBalance: number;
  /** baseBalance × price, in the quote asset. */
  readonly value: number;
  /** value / account equity × 100 (0 while the equity is unknown). */
  readonly allocationPct: number;
  /** Exact decimal strings of the pair's position, from the snapshot. */
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
  /** Closed trades and fees paid (quote) from the pair's latest metrics snapshot. */
  readonly trades: number;
  readonly feesPaid: number;
  readonly openOrders: number;
}

/**
 * How the account is doing against its own history and the risk limits (percent values are
 * percent, amounts are in the quote asset). Equity is the latest snapshot's; the watermarks are
 * the ones the risk engine checks the daily-loss and drawdown limits against.
 */
export interface AccountPerformance {
  /** The equity returns are measured from (the first recorded, or TRADING_PAPER_STARTING_EQUITY). */
  readonly startingEquity: number;
  /** (equity / startingEquity − 1) × 100. */
  readonly returnPct: number;
  readonly peakEquity: number;
  /** How far equity is below its peak now: (peak − equity) / peak × 100, ≥ 0. */
  readonly drawdownPct: number;
  /** RISK_MAX_DRAWDOWN_PCT (0: off): at this drawdown the bot stops itself. */
  readonly drawdownLimitPct: number;
  /** Equity at the first mark of the current UTC day. */
  readonly dayStartEquity: number;
  /** equity − dayStartEquity. */
  readonly dayPnl: number;
  /** dayPnl / dayStartEquity × 100. */
  readonly dayPnlPct: number;
  /** RISK_DAILY_LOSS_LIMIT_PCT (0: off): a loss this large since the day started stops the bot. */
  readonly dailyLossLimitPct: number;
}

/** What the account's performance is computed from: the running risk watermarks and limits. */
export interface AccountPerformanceSource {
  readonly startingEquity: number;
  readonly peakEquity: number;
  readonly dayStartEquity: number;
  readonly drawdownLimitPct: number;
  readonly dailyLossLimitPct: number;
}

/** The whole account: shared quote balance, equity and every pair's share of it. */
export interface PortfolioView {
  /** The quote asset every pair is quoted in (USDT). */
  readonly quote: string;
  /** The account's equity (quote + every pair's base at its price) at the latest snapshot; 0 before any. */
  readonly equity: number;
  readonly quoteBalance: number;
  /** Σ pair value / equity × 100: how much of the account is in base assets now. */
  readonly exposurePct: number;
  /** Time of the latest snapshot (ms), null before the first cycle. */
  readonly time: number | null;
  /** Return, drawdown and today's P&L against the limits; null before the first snapshot or without a running bot. */
  readonly performance: AccountPerformance | null;
  readonly pairs: readonly PairHoldingView[];
}

/** Reads the portfolio view; the API, Telegram and the heartbeat all show this one. */
export interface PortfolioReader {
  portfolio(): PortfolioView;
}

export interface PortfolioViewOptions {
  /** The pair rows written before several pairs (symbol null) belong to; see `TimeRange.legacySymbol`. */
  readonly legacySymbol: string;
  /** The running bot's watermarks and limits; without them `performance` is null. */
  readonly performance?: () => AccountPerformanceSource;
}

/**
 * The portfolio as the store last recorded it: each pair's cycle writes an equity snapshot (the
 * account's equity and quote, the pair's base and price) and a metrics snapshot every cycle, so
 * the newest row of each pair is its state after its last cycle, and the newest row of all is the
 * account's. Reading the store (not the running cycles) gives the same answer in every process
 * that opens the database, and after a restart before the exchange answers.
 */
export function readPortfolio(
  store: Pick<Store, 'equity' | 'metrics' | 'orders'>,
  status: Pick<SystemStatus, 'pairs'>,
  options: PortfolioViewOptions,
): PortfolioView {
  const latest = store.equity.latest();
  const equity = latest ? Number(latest.equity) : 0;
  const pairs = status.pairs.map((p) => pairHolding(store, p, options.legacySymbol, equity));
  const invested = pairs.reduce((sum, p) => sum + p.value, 0);
  return {
    quote: status.pairs[0]?.symbol.split('/')[1] ?? '',
    equity,
    quoteBalance: latest ? Number(latest.quoteBalance) : 0,
    exposurePct: percentOf(invested, equity),
    time: latest?.time ?? null,
    performance: latest && options.performance ? accountPerformance(equity, options.performance()) : null,
    pairs,
  };
}

/**
 * Return, current drawdown and today's P&L of `equity` (quote) against the running watermarks.
 * The peak and the day's start include `equity` itself, as the risk engine's check does.
 */
export function accountPerformance(equity: number, source: AccountPerformanceSource): AccountPerformance {
  const peak = Math.max(source.peakEquity, equity);
  const dayStart = source.dayStartEquity > 0 ? source.dayStartEquity : equity;
  return {
    startingEquity: source.startingEquity,
    returnPct: source.startingEquity > 0 ? (equity / source.startingEquity - 1) * 100 : 0,
    peakEquity: peak,
    drawdownPct: peak > 0 ? ((peak - equity) / peak) * 100 : 0,
    drawdownLimitPct: source.drawdownLimitPct,
    dayStartEquity: dayStart,
    dayPnl: equity - dayStart,
    dayPnlPct: percentOf(equity - dayStart, dayStart),
    dailyLossLimitPct: source.dailyLossLimitPct,
  };
}

function pairHolding(
  store: Pick<Store, 'equity' | 'metrics' | 'orders'>,
  pair: PairStatus,
  legacySymbol: string,
  equity: number,
): PairHoldingView {
  const range = { symbol: pair.symbol, legacySymbol };
  const snap = store.equity.list(range, { limit: 1 }).items[0];
  const metrics = store.metrics.list(range, { limit: 1 }).items[0];
  const price = snap ? Number(snap.price) : null;
  const baseBalance = snap ? Number(snap.baseBalance) : 0;
  const value = price === null ? 0 : baseBalance * price;
  return {
    symbol: pair.symbol,
    strategy: pair.strategy,
    state: pair.state,
    paused: pair.paused,
    price,
    baseBalance,
    value,
    allocationPct: percentOf(value, equity),
    realizedPnl: snap?.realizedPnl ?? '0',
    unrealizedPnl: snap?.unrealizedPnl ?? '0',
    trades: metrics?.tradeCount ?? 0,
    feesPaid: metrics?.feesPaid ?? 0,
    openOrders: store.orders.open(pair.symbol).length,
  };
}

function percentOf(part: number, whole: number): number {
  return whole > 0 && Number.isFinite(part) ? (part / whole) * 100 : 0;
}
