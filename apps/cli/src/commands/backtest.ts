import { writeFileSync } from 'node:fs';
import { loadCandleFiles } from '@warden/adapters/files/candleFiles';
import { type BacktestResult, runBacktest } from '@warden/core/backtest/runBacktest';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import { timeCellToMs } from '@warden/core/data/epochTime';
import type { Timeframe } from '@warden/core/domain/market';
import { ValidationError, WardenError } from '@warden/core/errors/errors';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { assumeMarket, scaleQuoteLimits } from '@warden/core/market/assumedMarket';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { getStrategyDefinition, parseStrategyParams } from '@warden/core/strategy/registry';
import type { Command } from 'commander';
import { backtestDataFromSeries } from '../backtest/backtestData.js';
import { blockSummary, dataLines, explainNoTrades, gapLines } from '../backtest/backtestReportText.js';
import { renderBacktestReport } from '../backtest/htmlReport.js';
import { portfolioJson, runPortfolioFromSeries, summarizePortfolio } from '../backtest/portfolioBacktest.js';
import { renderPortfolioReport } from '../backtest/portfolioReport.js';
import { loadConfig, readEnvironment } from '../context.js';

interface BacktestOptions {
  strategy?: string;
  data: string[];
  symbol?: string;
  from?: string;
  to?: string;
  json?: boolean;
  report?: string;
  params?: string;
  spacingMode?: 'geometric' | 'arithmetic';
  tick?: string;
  step?: string;
  minNotional?: string;
  equity?: string;
  repair?: boolean;
}

/** `--from`/`--to`: an ISO date (zone-less = UTC, like the files) or an epoch number in any unit. */
function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return timeCellToMs(value);
  } catch (error) {
    throw new ValidationError(`${flag}: ${(error as Error).message}`, flag);
  }
}

function decimalFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(Number(value) > 0))
    throw new ValidationError(`${flag}: expected a positive decimal number, got "${value}"`, flag);
  return value.trim();
}

const utc = (ms: number | null) => (ms === null ? '-' : `${new Date(ms).toISOString().slice(0, 16)}`);

/** The human report: result, then what the data held and what was assumed. */
export function summarize(r: BacktestResult, context?: { data: string[]; gaps: string[]; assumed: readonly string[] }): string {
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)} %`;
  const block = (label: string, lines: readonly string[]) => lines.map((l, i) => `${(i === 0 ? label : '').padEnd(15)}${l}`);
  const quote = r.symbol.split('/')[1] ?? '';
  const lines = [
    `strategy       ${r.strategy}  ${JSON.stringify(r.params)}`,
    `market         ${r.symbol} ${r.timeframe}, ${r.candles} candles, ${utc(r.from)} → ${utc(r.to)} UTC`,
    ...(context ? [...block('data', context.data), ...block('gaps', context.gaps), ...block('assumed', context.assumed)] : []),
    `return         ${pct(r.returnPct)}   (buy and hold ${pct(r.buyHoldReturnPct)})`,
    `max drawdown   ${r.maxDrawdownPct.toFixed(2)} %`,
    `win rate       ${(r.winRate * 100).toFixed(1)} %`,
    `trades         ${r.trades} fills`,
    `fees           ${formatQuote(r.feesPaid)} ${quote}`,
    `sharpe         ${r.sharpe === null ? '-' : r.sharpe.toFixed(2)}`,
    `final equity   ${formatQuote(r.finalEquity)} ${quote} (from ${r.startingEquity})`,
  ];
  if (r.emergencyStopAt) lines.push(`EMERGENCY STOP at ${new Date(r.emergencyStopAt).toISOString()} (max drawdown reached)`);
  const why = explainNoTrades(r);
  if (why) lines.push(`no trades      ${why}`);
  else {
    const blocks = blockSummary(r);
    if (blocks) lines.push(`risk blocks    ${blocks}`);
  }
  return lines.join('\n');
}

/** Quote amounts with the digits a small quote unit (BTC) needs. */
function formatQuote(v: number): string {
  const abs = Math.abs(v);
  return abs !== 0 && abs < 100 ? v.toPrecision(6) : v.toFixed(2);
}

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('run a strategy over recorded candles with the same cycle, risk engine and paper broker as `start`')
    .requiredOption(
      '--data <files...>',
      'candle files, folders or quoted globs (Binance klines/zip archives, [t,o,h,l,c,v] arrays, candle objects, pandas JSON, CSV)',
    )
    .option('--strategy <name>', 'strategy (default TRADING_ACTIVE_STRATEGY)')
    .option(
      '--symbol <symbol>',
      'the pair (BTC/USDT or BTCUSDT): picks one from a multi-pair file, or names the pair of an unlabelled one (default TRADING_SYMBOL)',
    )
    .option('--from <time>', 'first candle to trade (ISO date, zone-less = UTC, or epoch s/ms/µs); earlier ones only warm up indicators')
    .option('--to <time>', 'last candle to trade')
    .option('--params <json>', 'strategy parameters as JSON, e.g. {"grid_levels":6}')
    .option('--spacing-mode <mode>', 'grid spacing: geometric or arithmetic (default TRADING_GRID_SPACING_MODE)')
    .option('--tick <size>', "price tick size (default: Binance's for known pairs, else the data's price resolution)")
    .option('--step <size>', "quantity step size (default: Binance's for known pairs, else scaled to the price)")
    .option('--min-notional <amount>', "minimum order value in the quote asset (default: Binance's for the quote asset)")
    .option(
      '--equity <amount>',
      'starting balance in the quote asset (default TRADING_PAPER_STARTING_EQUITY, else 2,000 × the minimum order)',
    )
    .option('--repair', 'sort rows out of order and keep the first of repeated open times (the output says what changed)')
    .option('--json', 'print the result as JSON')
    .option('--report <file.html>', 'write a self-contained HTML report (equity curve, trades on the price chart, gaps, assumptions)')
    .action(async (opts: BacktestOptions) => {
      const env = readEnvironment();
      const config = loadConfig({ ...env, ...(opts.spacingMode ? { TRADING_GRID_SPACING_MODE: opts.spacingMode } : {}) });
      try {
        const strategy = opts.strategy ?? config.TRADING_ACTIVE_STRATEGY;
        let params: Record<string, unknown> | undefined;
        if (opts.params) {
          try {
            params = JSON.parse(opts.params) as Record<string, unknown>;
          } catch {
            throw new ValidationError('--params: expected a JSON object', '--params');
          }
        }
        const equityFlag = decimalFlag(opts.equity, '--equity');
        const overrides = {
          tickSize: decimalFlag(opts.tick, '--tick'),
          stepSize: decimalFlag(opts.step, '--step'),
          minNotional: decimalFlag(opts.minNotional, '--min-notional'),
        };
        const from = parseTime(opts.from, '--from');
        const to = parseTime(opts.to, '--to');
        const explicitEquity =
          equityFlag !== undefined
            ? Number(equityFlag)
            : env.TRADING_PAPER_STARTING_EQUITY !== undefined
              ? config.TRADING_PAPER_STARTING_EQUITY
              : undefined;
        const all = await loadCandleFiles(opts.data, { repair: opts.repair === true });
        if (all.length === 0)
          throw new ValidationError(
            `no candles in ${opts.data.join(', ')}: the files are empty (an empty file, [] or a header alone)`,
            '--data',
          );
        // Several pairs in the data and none picked: the portfolio, one balance for all of them.
        const labelled = [...new Set(all.map((s) => s.symbol).filter((s): s is string => s !== null))];
        if (opts.symbol === undefined && labelled.length > 1) {
          const symbols = env.TRADING_SYMBOLS ? config.tradingSymbols.filter((s) => labelled.includes(s)) : labelled.sort();
          if (symbols.length === 0)
            throw new ValidationError(
              `none of TRADING_SYMBOLS (${config.tradingSymbols.join(',')}) is in the data (${labelled.join(', ')})`,
              'symbol',
            );
          const run = await runPortfolioFromSeries(all, {
            config,
            env,
            symbols,
            strategy,
            ...(params ? { params } : {}),
            ...(explicitEquity !== undefined ? { startingEquity: explicitEquity } : {}),
            repair: opts.repair === true,
            ...(from !== undefined ? { from } : {}),
            ...(to !== undefined ? { to } : {}),
          });
          if (opts.json) process.stdout.write(`${JSON.stringify(portfolioJson(run), null, 2)}\n`);
          else process.stdout.write(`${summarizePortfolio(run)}\n`);
          if (opts.report) {
            writeFileSync(opts.report, renderPortfolioReport(run, `Warden backtest — portfolio of ${symbols.join(', ')}`));
            process.stderr.write(`report written to ${opts.report}\n`);
          }
          return;
        }
        // The strategy may read timeframes beyond TRADING_TIMEFRAMES (smart_grid_ai always reads 4h).
        const definition = getStrategyDefinition(strategy);
        const baseSettings = strategySettingsFromConfig(config);
        const extra = Object.keys(
          definition.requirements(parseStrategyParams(strategy, params ?? {}, baseSettings), baseSettings),
        ) as Timeframe[];
        const timeframes = [...new Set([...config.TRADING_TIMEFRAMES, ...extra])];
        const data = backtestDataFromSeries(all, {
          ...(opts.symbol !== undefined ? { symbol: opts.symbol } : {}),
          defaultSymbol: config.TRADING_SYMBOL,
          timeframes,
          repair: opts.repair === true,
        });
        const primary = data.candles[data.primary] ?? [];
        if (primary.length === 0)
          throw new ValidationError(`the data yields no complete ${data.primary} candles to trade (${data.files.join(', ')})`, '--data');
        const market = assumeMarket({
          symbol: data.symbol,
          candles: primary,
          ...definedOnly(overrides),
          ...(explicitEquity !== undefined ? { startingEquity: explicitEquity } : {}),
        });
        const assumed = [...market.lines];
        const scaled = scaleQuoteLimits(riskLimitsFromConfig(config), market, env.RISK_MAX_ORDER_NOTIONAL !== undefined);
        const riskLimits = scaled.limits;
        if (scaled.line) assumed.push(scaled.line);
        const settings = {
          ...baseSettings,
          symbol: data.symbol,
          primaryTimeframe: data.primary,
          timeframes: [data.primary, ...config.TRADING_TIMEFRAMES.filter((t) => t !== data.primary)],
        };
        const result = await runBacktest({
          candles: data.candles,
          settings,
          strategy,
          ...(params ? { params } : {}),
          filters: market.filters,
          startingEquity: market.startingEquity,
          riskLimits,
          paper: paperBrokerOptionsFromConfig(config, market.filters),
          from,
          to,
        });
        const context = { data: dataLines(data, opts.repair === true), gaps: gapLines(data.gaps), assumed };
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify(
              {
                ...result,
                orders: undefined,
                equityCurve: undefined,
                fills: result.fills.length,
                data: {
                  files: data.files,
                  timeNotations: data.timeNotations,
                  gaps: data.gaps,
                  repairs: data.repairs,
                  overlapsDropped: data.overlapsDropped,
                  notes: data.notes,
                  symbolAssumed: data.symbolAssumed,
                },
                assumptions: {
                  source: market.source,
                  filters: market.filters,
                  startingEquity: market.startingEquity,
                  maxOrderNotional: riskLimits.maxOrderNotional,
                  lines: assumed,
                },
                noTrades: explainNoTrades(result),
              },
              null,
              2,
            )}\n`,
          );
        else process.stdout.write(`${summarize(result, context)}\n`);
        if (opts.report) {
          writeFileSync(
            opts.report,
            renderBacktestReport(result, `Warden backtest — ${strategy} on ${data.symbol}`, {
              ...context,
              gapsDetail: data.gaps,
              noTrades: explainNoTrades(result),
            }),
          );
          process.stderr.write(`report written to ${opts.report}\n`);
        }
      } catch (error) {
        if (error instanceof WardenError) {
          const hint = typeof error.context.hint === 'string' ? `\n  hint: ${error.context.hint}` : '';
          process.stderr.write(`warden backtest: ${error.message}${hint}\n`);
          process.exit(2);
        }
        throw error;
      }
    });
}

function definedOnly<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
