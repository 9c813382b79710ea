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
  readonly pairs: readonly PairHoldingView[];
}

/** Reads the portfolio view; the API, Telegram and the heartbeat all show this one. */
export interface PortfolioReader {
  portfolio(): PortfolioView;
}

export interface PortfolioViewOptions {
  /** The pair rows written before several pairs (symbol null) belong to; see `TimeRange.legacySymbol`. */
  readonly legacySymbol: string;
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
    pairs,
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
