import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parseConfig.js';
import { strategySettingsFromConfig } from '../cycle/settings.js';
import type { ActiveStrategy } from '../cycle/strategyHost.js';
import type { Candle } from '../domain/market.js';
import { hold, type Signal } from '../domain/signal.js';
import { buildSymbolFilters } from '../execution/symbolFilters.fixture.js';
import { riskLimitsFromConfig } from '../risk/riskLimits.js';
import type { StrategyContext } from '../strategy/types.js';
import { runPortfolioBacktest } from './runPortfolioBacktest.js';

const H1 = 3_600_000;
const START = Date.UTC(2024, 0, 1);

/** Hourly candles closing at `closes` (flat inside each hour, ample volume). */
function candles(closes: readonly number[]): Candle[] {
  return closes.map((close, i) => ({ openTime: START + i * H1, open: close, high: close, low: close, close, volume: 1e9 }));
}

/** Buys `quote` worth once, then holds. */
function buyOnce(quote: number): { current(): ActiveStrategy; invalidate(): void } {
  let bought = false;
  const strategy = {
    name: 'buy_once',
    params: {},
    evaluate(_ctx: StrategyContext): Signal {
      if (bought) return hold('holding');
      bought = true;
      return { action: 'BUY', reason: 'buy once', inputs: {}, quoteAmount: quote };
    },
  };
  const active: ActiveStrategy = { name: 'buy_once', params: {}, strategy };
  return { current: () => active, invalidate: () => {} };
}

describe('portfolio backtest: every pair valued at the same instant', () => {
  it('two pairs moving opposite ways in the same candle trip no drawdown stop (the account did not move)', async () => {
    const config = parseConfig({
      TRADING_TIMEFRAMES: '1h',
      RISK_MAX_POSITION_PCT: '50',
      RISK_MAX_ORDER_NOTIONAL: '0',
      RISK_MAX_DRAWDOWN_PCT: '10',
      RISK_DAILY_LOSS_LIMIT_PCT: '0',
    });
    // XXX/USDT rises 30 % and YYY/USDT falls 30 % in the same hour: the account holds 45 % in each,
    // so its equity stays where it was. Valuing YYY at its price of the hour before while XXX ran
    // first saw a peak the account never had (+13.5 %) and then a 12 % drawdown from it.
    const series = { 'XXX/USDT': [100, 100, 100, 130, 130, 130], 'YYY/USDT': [100, 100, 100, 70, 70, 70] };
    const pairs = Object.entries(series).map(([symbol, closes]) => ({
      candles: { '1h': candles(closes) },
      settings: { ...strategySettingsFromConfig(config), symbol, primaryTimeframe: '1h' as const },
      strategy: 'buy_once',
      filters: buildSymbolFilters({
        symbol,
        base: symbol.split('/')[0] as string,
        maxNotional: null,
        minNotional: '1',
        stepSize: '0.001',
        minQty: '0.001',
      }),
      host: buyOnce(4500),
    }));
    const result = await runPortfolioBacktest({
      pairs,
      startingEquity: 10_000,
      riskLimits: riskLimitsFromConfig(config),
      paper: { slippageBps: 0, makerFeePct: 0, takerFeePct: 0, maxFillSharePct: 10 },
      curvePoints: 1e9,
    });
    expect(result.pairs.map((p) => p.trades)).toEqual([1, 1]);
    expect(result.emergencyStopAt).toBeNull();
    expect(result.maxDrawdownPct).toBeLessThan(0.01);
  });
});
