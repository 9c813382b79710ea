import { readCandleSeries } from '@warden/adapters/files/candleFiles';
import { runBacktest } from '@warden/core/backtest/runBacktest';
import { aggregateCandles } from '@warden/core/data/aggregateCandles';
import { buildSymbolFilters } from '@warden/core/execution/symbolFilters.fixture';
import { parseConfig } from '@warden/core/config/parseConfig';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
const series = await readCandleSeries('/work/shared/fixtures/candles/trading-signals-BTC_USDT-1m-2021-02-19_1week.json');
const m1 = series[0]!.candles;
const h4 = aggregateCandles(m1, '1m', '4h');
const strategy = process.argv[2] ?? 'ema_crossover';
const config = parseConfig({ TRADING_ACTIVE_STRATEGY: strategy, TRADING_TIMEFRAMES: '1m,4h' });
const filters = buildSymbolFilters();
for (let k = 0; k < 3; k++) {
const t0 = performance.now();
const r = await runBacktest({ candles: { '1m': m1, '4h': h4 }, settings: strategySettingsFromConfig(config), strategy, filters, startingEquity: 10000, riskLimits: riskLimitsFromConfig(config), paper: paperBrokerOptionsFromConfig(config, filters) });
const ms = performance.now()-t0;
console.log(strategy, ms.toFixed(0)+'ms', (r.candles/ms*1000).toFixed(0)+' candles/s', r.trades);
}
