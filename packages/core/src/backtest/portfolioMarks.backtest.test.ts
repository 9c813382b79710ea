import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parseConfig.js';
import { strategySettingsFromConfig } from '../cycle/settings.js';
import type { ActiveStrategy } from '../cycle/strategyHost.js';
import type { Candle } from '../domain/market.js';
import { hold, type Signal } from '../domain/signal.js';
import { buildSymbolFilters } from '../execution/symbolFilters.fixture.js';
import { riskLimitsFromConfig } from '../risk/riskLimits.js';
import { randomWalkCandles } from '../strategy/testing/randomWalk.js';
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

  it('pairs with different ranges, gaps and timeframes: at every step each pair is valued at its latest close, never 0 or a future price', async () => {
    const config = parseConfig({ TRADING_TIMEFRAMES: '1h', RISK_MAX_POSITION_PCT: '30', RISK_MAX_ORDER_NOTIONAL: '0' });
    const H4 = 4 * H1;
    // AAA: 1h over the whole range; BBB: 4h, starting a day later and ending a day earlier; CCC: 1h
    // with a 10-hour hole in the middle.
    const aaa = randomWalkCandles({ count: 120, sigma: 0.02, seed: 1, start: START, stepMs: H1, price: 100 });
    const bbb = randomWalkCandles({ count: 18, sigma: 0.04, seed: 2, start: START + 24 * H1, stepMs: H4, price: 50 });
    const ccc = randomWalkCandles({ count: 120, sigma: 0.02, seed: 3, start: START, stepMs: H1, price: 20 }).filter(
      (_c, i) => i < 50 || i >= 60,
    );
    const input = [
      { symbol: 'AAA/USDT', tf: '1h' as const, candles: aaa, periodMs: H1 },
      { symbol: 'BBB/USDT', tf: '4h' as const, candles: bbb, periodMs: H4 },
      { symbol: 'CCC/USDT', tf: '1h' as const, candles: ccc, periodMs: H1 },
    ];
    const pairs = input.map(({ symbol, tf, candles: series }) => ({
      candles: { [tf]: series },
      settings: { ...strategySettingsFromConfig(config), symbol, primaryTimeframe: tf, timeframes: [tf] },
      strategy: 'buy_once',
      filters: buildSymbolFilters({
        symbol,
        base: symbol.split('/')[0] as string,
        maxNotional: null,
        minNotional: '1',
        stepSize: '0.001',
        minQty: '0.001',
      }),
      host: buyOnce(2500),
    }));
    const latestClose = (series: readonly Candle[], periodMs: number, now: number): number =>
      series.filter((c) => c.openTime + periodMs <= now).at(-1)?.close ?? 0;
    let steps = 0;
    const stepped = new Map<string, number>();
    const result = await runPortfolioBacktest({
      pairs,
      startingEquity: 10_000,
      riskLimits: riskLimitsFromConfig(config),
      paper: { slippageBps: 5, makerFeePct: 0.1, takerFeePct: 0.1, maxFillSharePct: 10 },
      curvePoints: 1e9,
      onPairStep: (symbol, _outcome, portfolio, marks) => {
        steps++;
        // The instant of this step: the close of the pair's next candle not stepped yet.
        const own = input.find((p) => p.symbol === symbol) as (typeof input)[number];
        const index = stepped.get(symbol) ?? 0;
        stepped.set(symbol, index + 1);
        const now = (own.candles[index] as Candle).openTime + own.periodMs;
        let equity = Number(portfolio.ledger.total);
        for (const p of input) {
          expect(marks.markOf(p.symbol), p.symbol).toBe(latestClose(p.candles, p.periodMs, now));
          equity += (portfolio.brokers.get(p.symbol)?.baseHeld() ?? 0) * latestClose(p.candles, p.periodMs, now);
        }
        expect(marks.equity()).toBeCloseTo(equity, 6);
      },
    });
    expect(steps).toBe(aaa.length + bbb.length + ccc.length);
    expect(result.pairs.map((p) => p.trades)).toEqual([1, 1, 1]);
    // The totals are the sums of the pairs'.
    expect(result.trades).toBe(3);
    expect(result.feesPaid).toBeCloseTo(
      result.pairs.reduce((n, p) => n + p.feesPaid, 0),
      9,
    );
    expect(result.pairs.reduce((n, p) => n + p.pnl, 0)).toBeCloseTo(result.finalEquity - result.startingEquity, 6);
  });
});
