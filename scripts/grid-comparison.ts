// Prints the README's comparison: smart_grid_ai (geometric and arithmetic) vs a static grid with the
// same capital vs buy-and-hold, on every recorded candle file.  npm run compare-grids
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBacktest } from '@warden/core/backtest/runBacktest';
import { parseConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { Timeframe } from '@warden/core/domain/market';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { assumeMarket } from '@warden/core/market/assumedMarket';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { fixturesDir } from '@warden/testkit/fixtures';
import { loadBacktestData } from '../apps/cli/src/backtest/backtestData.js';

const dir = join(fixturesDir(), 'candles');
const runs = [
  { label: 'smart_grid_ai (geometric)', strategy: 'smart_grid_ai', mode: 'geometric' },
  { label: 'smart_grid_ai (arithmetic)', strategy: 'smart_grid_ai', mode: 'arithmetic' },
  { label: 'grid (static, same capital)', strategy: 'grid', mode: 'geometric' },
] as const;

for (const file of readdirSync(dir)
  .filter((f) => /\.(json|csv)$/.test(f))
  .sort()) {
  const data = await loadBacktestData([join(dir, file)], { defaultSymbol: 'BTC/USDT', timeframes: ['5m', '4h'] as Timeframe[] });
  const primary = data.candles[data.primary] ?? [];
  const { filters } = assumeMarket({ symbol: data.symbol, candles: primary });
  process.stdout.write(
    `\n**${file}** — ${data.symbol} ${data.primary}, ${primary.length} candles\n\n| strategy | return | max drawdown | trades (fills) | fees |\n|---|---:|---:|---:|---:|\n`,
  );
  let hold = 0;
  for (const run of runs) {
    // Bootstrap on, like an exchange grid bot that buys its starting inventory: otherwise a grid in a rising market never trades.
    const config = parseConfig({
      TRADING_ACTIVE_STRATEGY: run.strategy,
      TRADING_GRID_SPACING_MODE: run.mode,
      TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
    });
    const settings = { ...strategySettingsFromConfig(config), symbol: data.symbol, primaryTimeframe: data.primary };
    const r = await runBacktest({
      candles: data.candles,
      settings,
      strategy: run.strategy,
      filters,
      startingEquity: config.TRADING_PAPER_STARTING_EQUITY,
      riskLimits: riskLimitsFromConfig(config),
      paper: paperBrokerOptionsFromConfig(config, filters),
    });
    hold = r.buyHoldReturnPct;
    process.stdout.write(
      `| ${run.label} | ${r.returnPct.toFixed(2)} % | ${r.maxDrawdownPct.toFixed(2)} % | ${r.trades} | ${r.feesPaid.toFixed(2)} |\n`,
    );
  }
  process.stdout.write(`| buy and hold | ${hold.toFixed(2)} % | — | 1 | — |\n`);
}
