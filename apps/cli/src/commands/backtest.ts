import { writeFileSync } from 'node:fs';
import { type BacktestResult, runBacktest } from '@warden/core/backtest/runBacktest';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { Timeframe } from '@warden/core/domain/market';
import { ValidationError, WardenError } from '@warden/core/errors/errors';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { getStrategyDefinition, parseStrategyParams } from '@warden/core/strategy/registry';
import type { Command } from 'commander';
import { loadBacktestData } from '../backtest/backtestData.js';
import { renderBacktestReport } from '../backtest/htmlReport.js';
import { backtestFilters } from '../backtest/knownFilters.js';
import { loadConfig, readEnvironment } from '../context.js';

interface BacktestOptions {
  strategy?: string;
  data: string;
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
}

function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(t))
    throw new ValidationError(`${flag}: expected an ISO date (2021-02-20 or 2021-02-20T12:00Z) or epoch ms, got "${value}"`, flag);
  return t;
}

export function summarize(r: BacktestResult): string {
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)} %`;
  return [
    `strategy       ${r.strategy}  ${JSON.stringify(r.params)}`,
    `market         ${r.symbol} ${r.timeframe}, ${r.candles} candles, ${r.from ? new Date(r.from).toISOString().slice(0, 16) : '-'} → ${r.to ? new Date(r.to).toISOString().slice(0, 16) : '-'}`,
    `return         ${pct(r.returnPct)}   (buy and hold ${pct(r.buyHoldReturnPct)})`,
    `max drawdown   ${r.maxDrawdownPct.toFixed(2)} %`,
    `win rate       ${(r.winRate * 100).toFixed(1)} %`,
    `trades         ${r.trades} fills`,
    `fees           ${r.feesPaid.toFixed(2)}`,
    `sharpe         ${r.sharpe === null ? '-' : r.sharpe.toFixed(2)}`,
    `final equity   ${r.finalEquity.toFixed(2)} (from ${r.startingEquity})${r.emergencyStopAt ? `\nEMERGENCY STOP at ${new Date(r.emergencyStopAt).toISOString()} (max drawdown reached)` : ''}`,
  ].join('\n');
}

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('run a strategy over recorded candles with the same cycle, risk engine and paper broker as `start`')
    .requiredOption('--data <file>', 'candle file (Binance klines, [ms,o,h,l,c,v] arrays, candle objects, pandas JSON or CSV)')
    .option('--strategy <name>', 'strategy (default TRADING_ACTIVE_STRATEGY)')
    .option('--symbol <symbol>', 'symbol to pick from a multi-symbol file (default TRADING_SYMBOL)')
    .option('--from <time>', 'first candle to trade (ISO date or epoch ms); earlier ones only warm up indicators')
    .option('--to <time>', 'last candle to trade')
    .option('--params <json>', 'strategy parameters as JSON, e.g. {"grid_levels":6}')
    .option('--spacing-mode <mode>', 'grid spacing: geometric or arithmetic (default TRADING_GRID_SPACING_MODE)')
    .option('--tick <size>', 'price tick size (default: Binance value for known pairs)')
    .option('--step <size>', 'quantity step size')
    .option('--min-notional <amount>', 'minimum order value in quote')
    .option('--json', 'print the result as JSON')
    .option('--report <file.html>', 'write a self-contained HTML report (equity curve, trades on the price chart)')
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
        // The strategy may read timeframes beyond TRADING_TIMEFRAMES (smart_grid_ai always reads 4h).
        const definition = getStrategyDefinition(strategy);
        const baseSettings = strategySettingsFromConfig(config);
        const extra = Object.keys(
          definition.requirements(parseStrategyParams(strategy, params ?? {}, baseSettings), baseSettings),
        ) as Timeframe[];
        const timeframes = [...new Set([...config.TRADING_TIMEFRAMES, ...extra])];
        const data = await loadBacktestData(opts.data, opts.symbol ?? config.TRADING_SYMBOL, timeframes, opts.symbol !== undefined);
        for (const note of data.notes) process.stderr.write(`note: ${note}\n`);
        const primary = data.candles[data.primary] ?? [];
        const filters = backtestFilters(
          data.symbol,
          { tickSize: opts.tick, stepSize: opts.step, minNotional: opts.minNotional },
          primary.slice(0, 200).map((c) => c.close),
        );
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
          filters,
          startingEquity: config.TRADING_PAPER_STARTING_EQUITY,
          riskLimits: riskLimitsFromConfig(config),
          paper: paperBrokerOptionsFromConfig(config, filters),
          from: parseTime(opts.from, '--from'),
          to: parseTime(opts.to, '--to'),
        });
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ ...result, orders: undefined, equityCurve: undefined, fills: result.fills.length }, null, 2)}\n`,
          );
        else process.stdout.write(`${summarize(result)}\n`);
        if (opts.report) {
          writeFileSync(opts.report, renderBacktestReport(result, `Warden backtest — ${strategy} on ${data.symbol}`));
          process.stderr.write(`report written to ${opts.report}\n`);
        }
      } catch (error) {
        if (error instanceof WardenError) {
          process.stderr.write(`warden backtest: ${error.message}\n`);
          process.exit(2);
        }
        throw error;
      }
    });
}
