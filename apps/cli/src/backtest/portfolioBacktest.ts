import type { PortfolioBacktestResult } from '@warden/core/backtest/runPortfolioBacktest';
import { runPortfolioBacktest } from '@warden/core/backtest/runPortfolioBacktest';
import type { AppConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { AssembledSeries } from '@warden/core/data/assembleSeries';
import type { Timeframe } from '@warden/core/domain/market';
import { ValidationError } from '@warden/core/errors/errors';
import { assumeMarket, type MarketAssumptions, scaleQuoteLimits } from '@warden/core/market/assumedMarket';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { getStrategyDefinition, parseStrategyParams } from '@warden/core/strategy/registry';
import { type BacktestData, backtestDataFromSeries } from './backtestData.js';
import { dataLines, gapLines } from './backtestReportText.js';

export interface PortfolioRequest {
  readonly config: AppConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The pairs to trade, in order. */
  readonly symbols: readonly string[];
  /** `--strategy` (else TRADING_ACTIVE_STRATEGY) and `--params`, for pairs without their own. */
  readonly strategy: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly startingEquity?: number;
  readonly repair: boolean;
  readonly from?: number;
  readonly to?: number;
}

export interface PortfolioRun {
  readonly result: PortfolioBacktestResult;
  readonly data: ReadonlyMap<string, BacktestData>;
  readonly markets: ReadonlyMap<string, MarketAssumptions>;
  /** Data and assumption lines per pair, and the account's. */
  readonly lines: { readonly data: string[]; readonly gaps: string[]; readonly assumed: string[] };
}

/**
 * The pairs of a multi-pair file (or several files) backtested as one account: each pair with its
 * strategy (TRADING_PAIR_STRATEGIES, else `--strategy` / TRADING_ACTIVE_STRATEGY), parameters
 * (TRADING_PAIR_PARAMS over `--params`) and filters, all sized against one starting balance.
 * @throws ValidationError when the pairs are not quoted in one asset or yield no candles.
 */
export async function runPortfolioFromSeries(all: readonly AssembledSeries[], request: PortfolioRequest): Promise<PortfolioRun> {
  const { config, env } = request;
  const base = strategySettingsFromConfig(config);
  const data = new Map<string, BacktestData>();
  const markets = new Map<string, MarketAssumptions>();
  const pairs = request.symbols.map((symbol) => {
    const strategy = config.TRADING_PAIR_STRATEGIES[symbol] ?? request.strategy;
    const params = { ...(request.params ?? {}), ...(config.TRADING_PAIR_PARAMS[symbol] ?? {}) };
    const extra = Object.keys(
      getStrategyDefinition(strategy).requirements(parseStrategyParams(strategy, params, base), base),
    ) as Timeframe[];
    const d = backtestDataFromSeries(all, {
      symbol,
      defaultSymbol: symbol,
      timeframes: [...new Set([...config.TRADING_TIMEFRAMES, ...extra])],
      repair: request.repair,
    });
    const primary = d.candles[d.primary] ?? [];
    if (primary.length === 0) throw new ValidationError(`${symbol}: the data yields no complete ${d.primary} candles to trade`, '--data');
    const market = assumeMarket({
      symbol,
      candles: primary,
      ...(request.startingEquity !== undefined ? { startingEquity: request.startingEquity } : {}),
    });
    data.set(symbol, d);
    markets.set(symbol, market);
    return {
      candles: d.candles,
      settings: {
        ...base,
        symbol,
        primaryTimeframe: d.primary,
        timeframes: [d.primary, ...config.TRADING_TIMEFRAMES.filter((t) => t !== d.primary)],
      },
      strategy,
      ...(Object.keys(params).length > 0 ? { params } : {}),
      filters: market.filters,
    };
  });
  const quotes = [...new Set([...markets.values()].map((m) => m.filters.quote))];
  if (quotes.length > 1)
    throw new ValidationError(
      `a portfolio needs pairs quoted in one asset; these are quoted in ${quotes.join(', ')} (pick one with --symbol)`,
      '--symbol',
    );
  const first = markets.get(request.symbols[0] as string) as MarketAssumptions;
  const scaled = scaleQuoteLimits(riskLimitsFromConfig(config), first, env.RISK_MAX_ORDER_NOTIONAL !== undefined);
  const result = await runPortfolioBacktest({
    pairs,
    startingEquity: first.startingEquity,
    riskLimits: scaled.limits,
    paper: {
      slippageBps: config.TRADING_PAPER_SLIPPAGE_BPS,
      makerFeePct: config.TRADING_FEE_MAKER_PCT,
      takerFeePct: config.TRADING_FEE_TAKER_PCT,
      maxFillSharePct: config.TRADING_PAPER_MAX_FILL_SHARE_PCT,
    },
    ...(request.from !== undefined ? { from: request.from } : {}),
    ...(request.to !== undefined ? { to: request.to } : {}),
  });
  const lines = {
    data: [...data.values()].flatMap((d) => dataLines(d, request.repair).map((l) => `${d.symbol}: ${l}`)),
    gaps: [...data.values()].flatMap((d) => gapLines(d.gaps).map((l) => `${d.symbol}: ${l}`)),
    assumed: [
      ...[...markets.values()].flatMap((m) => m.lines.slice(0, -1)),
      (first.lines[first.lines.length - 1] as string).replace(/^starting balance/, 'shared starting balance'),
      ...(scaled.line ? [scaled.line] : []),
    ],
  };
  return { result, data, markets, lines };
}

/** The human report of a portfolio backtest: the account, then one line per pair. */
export function summarizePortfolio(run: PortfolioRun): string {
  const r = run.result;
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)} %`;
  const utc = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 16));
  const block = (label: string, lines: readonly string[]) => lines.map((l, i) => `${(i === 0 ? label : '').padEnd(15)}${l}`);
  const rows = r.pairs.map(
    (p) =>
      `  ${p.symbol.padEnd(12)} ${p.strategy.padEnd(20)} ${String(p.trades).padStart(6)} ${amount(p.pnl).padStart(12)} ${amount(p.holdingValue).padStart(12)} ${amount(p.feesPaid).padStart(10)} ${pct(p.buyHoldReturnPct).padStart(10)}`,
  );
  return [
    `portfolio      ${r.pairs.length} pairs sharing one ${r.quote} balance, ${utc(r.from)} → ${utc(r.to)} UTC`,
    ...block('data', run.lines.data),
    ...block('gaps', run.lines.gaps),
    ...block('assumed', run.lines.assumed),
    `return         ${pct(r.returnPct)}`,
    `max drawdown   ${r.maxDrawdownPct.toFixed(2)} %`,
    `trades         ${r.trades} fills`,
    `fees           ${amount(r.feesPaid)} ${r.quote}`,
    `sharpe         ${r.sharpe === null ? '-' : r.sharpe.toFixed(2)}`,
    `final equity   ${amount(r.finalEquity)} ${r.quote} (from ${r.startingEquity})`,
    ...(r.emergencyStopAt
      ? [`EMERGENCY STOP at ${new Date(r.emergencyStopAt).toISOString()} (max drawdown reached): every pair stopped`]
      : []),
    `per pair       ${'pair'.padEnd(12)} ${'strategy'.padEnd(20)} ${'fills'.padStart(6)} ${'PnL'.padStart(12)} ${'holding'.padStart(12)} ${'fees'.padStart(10)} ${'buy&hold'.padStart(10)}`,
    ...rows.map((row) => `             ${row}`),
  ].join('\n');
}

function amount(v: number): string {
  const abs = Math.abs(v);
  return abs !== 0 && abs < 100 ? v.toPrecision(6) : v.toFixed(2);
}

/** The portfolio as JSON for scripts: the account, each pair (fills counted, not listed), data and assumptions. */
export function portfolioJson(run: PortfolioRun): unknown {
  const r = run.result;
  return {
    ...r,
    equityCurve: undefined,
    pairs: r.pairs.map((p) => ({ ...p, fills: p.fills.length })),
    data: Object.fromEntries(
      [...run.data].map(([s, d]) => [
        s,
        { files: d.files, timeNotations: d.timeNotations, gaps: d.gaps, repairs: d.repairs, notes: d.notes },
      ]),
    ),
    assumptions: {
      filters: Object.fromEntries([...run.markets].map(([s, m]) => [s, m.filters])),
      startingEquity: r.startingEquity,
      lines: run.lines.assumed,
    },
  };
}
