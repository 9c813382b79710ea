import { readFileSync } from 'node:fs';
import { fixturePath } from '@warden/testkit/fixtures';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parseConfig.js';
import { strategySettingsFromConfig } from '../cycle/settings.js';
import { parseCandleText } from '../data/candleFileParsing.js';
import type { Candle } from '../domain/market.js';
import { paperBrokerOptionsFromConfig } from '../execution/paperBroker.js';
import { assumeMarket } from '../market/assumedMarket.js';
import { riskLimitsFromConfig } from '../risk/riskLimits.js';
import { runBacktest } from './runBacktest.js';
import { runPortfolioBacktest } from './runPortfolioBacktest.js';

const file = parseCandleText(readFileSync(fixturePath('candles', 'octobot-binance-USDT-pairs-4h-2023-12-30_2024-03-22.csv'), 'utf8'));
const seriesOf = (symbol: string) => file.find((s) => s.symbol === symbol)?.candles as Candle[];
const env = { TRADING_TIMEFRAMES: '4h', TRADING_ACTIVE_STRATEGY: 'grid', TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' };
const config = parseConfig(env);
const pair = (symbol: string, strategy = 'grid') => {
  const candles = seriesOf(symbol);
  return {
    candles: { '4h': candles },
    settings: { ...strategySettingsFromConfig(config), symbol, primaryTimeframe: '4h' as const },
    strategy,
    filters: assumeMarket({ symbol, candles }).filters,
  };
};
const paper = {
  slippageBps: config.TRADING_PAPER_SLIPPAGE_BPS,
  makerFeePct: config.TRADING_FEE_MAKER_PCT,
  takerFeePct: config.TRADING_FEE_TAKER_PCT,
  maxFillSharePct: config.TRADING_PAPER_MAX_FILL_SHARE_PCT,
};

describe('runPortfolioBacktest', () => {
  it('with one pair trades exactly as the single-pair backtest (the same cycle code)', async () => {
    const p = pair('ETH/USDT');
    const single = await runBacktest({
      ...p,
      startingEquity: 10_000,
      riskLimits: riskLimitsFromConfig(config),
      paper: paperBrokerOptionsFromConfig(config, p.filters),
    });
    const portfolio = await runPortfolioBacktest({ pairs: [p], startingEquity: 10_000, riskLimits: riskLimitsFromConfig(config), paper });
    expect(portfolio.pairs[0]?.fills).toEqual(single.fills);
    expect(portfolio.finalEquity).toBeCloseTo(single.finalEquity, 6);
    // And the same account over time: every candle's equity, the drawdown, Sharpe and exposure.
    const full = await runPortfolioBacktest({
      pairs: [p],
      startingEquity: 10_000,
      riskLimits: riskLimitsFromConfig(config),
      paper,
      curvePoints: 1e9,
    });
    const singleFull = await runBacktest({
      ...p,
      startingEquity: 10_000,
      riskLimits: riskLimitsFromConfig(config),
      paper: paperBrokerOptionsFromConfig(config, p.filters),
      curvePoints: 1e9,
    });
    expect(full.equityCurve.map((c) => [c.time, c.equity])).toEqual(singleFull.equityCurve.map((c) => [c.time, c.equity]));
    expect(portfolio.maxDrawdownPct).toBeCloseTo(single.maxDrawdownPct, 9);
    expect(portfolio.sharpe).toBeCloseTo(single.sharpe as number, 9);
    expect(portfolio.exposurePct).toBeCloseTo(single.exposurePct, 9);
    expect(portfolio.feesPaid).toBeCloseTo(single.feesPaid, 9);
  });

  it('trades four pairs of the real 4h file from one balance and reports per pair and in total', async () => {
    const result = await runPortfolioBacktest({
      pairs: [pair('BTC/USDT'), pair('ETH/USDT'), pair('BNB/USDT', 'ema_crossover'), pair('SOL/USDT', 'rsi_mean_reversion')],
      startingEquity: 10_000,
      riskLimits: riskLimitsFromConfig(config),
      paper,
    });
    expect(result.pairs.map((p) => [p.symbol, p.strategy])).toEqual([
      ['BTC/USDT', 'grid'],
      ['ETH/USDT', 'grid'],
      ['BNB/USDT', 'ema_crossover'],
      ['SOL/USDT', 'rsi_mean_reversion'],
    ]);
    expect(result.pairs.filter((p) => p.trades > 0).length).toBeGreaterThanOrEqual(3);
    // Each pair's PnL is its share of the account's: they add up to the total change.
    const sum = result.pairs.reduce((n, p) => n + p.pnl, 0);
    expect(sum).toBeCloseTo(result.finalEquity - result.startingEquity, 4);
    expect(result.trades).toBe(result.pairs.reduce((n, p) => n + p.trades, 0));
    expect(result.equityCurve.length).toBeGreaterThan(100);
  });

  it('trades a pair the same whatever its name: pairs whose symbols share 12 characters do not share order ids', async () => {
    const renamed = (symbol: string, as: string) => {
      const p = pair(symbol);
      const candles = p.candles['4h'];
      return { ...p, settings: { ...p.settings, symbol: as }, filters: assumeMarket({ symbol: as, candles }).filters };
    };
    const run = (second: string) =>
      runPortfolioBacktest({
        pairs: [renamed('BTC/USDT', 'LONGTOKENAAAX/USDT'), renamed('ETH/USDT', second)],
        startingEquity: 10_000,
        riskLimits: riskLimitsFromConfig(config),
        paper,
      });
    const apart = await run('OTHER/USDT');
    const alike = await run('LONGTOKENAAAY/USDT');
    expect(alike.pairs[1]?.trades).toBe(apart.pairs[1]?.trades);
    expect(alike.finalEquity).toBeCloseTo(apart.finalEquity, 6);
    const first = new Set(alike.pairs[0]?.fills.map((f) => f.clientOrderId));
    expect(alike.pairs[1]?.fills.filter((f) => first.has(f.clientOrderId))).toEqual([]);
  });

  it('holds the account under RISK_MAX_TOTAL_EXPOSURE_PCT: blocked buys say MAX_TOTAL_EXPOSURE', async () => {
    const tight = parseConfig({ ...env, RISK_MAX_TOTAL_EXPOSURE_PCT: '30' });
    const result = await runPortfolioBacktest({
      pairs: [pair('BTC/USDT'), pair('ETH/USDT'), pair('SOL/USDT')],
      startingEquity: 10_000,
      riskLimits: riskLimitsFromConfig(tight),
      paper,
    });
    const reasons = result.pairs.flatMap((p) => Object.keys(p.activity.blockReasons));
    expect(reasons).toContain('MAX_TOTAL_EXPOSURE');
  });
});
