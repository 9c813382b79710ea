import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/market.js';
import { ValidationError } from '../../errors/errors.js';
import { dec } from '../../money/decimal.js';
import { filterViolations, quantizePrice } from '../../money/filters.js';
import { buildFill } from '../../portfolio/fill.fixture.js';
import { createStrategy } from '../registry.js';
import { OCTOBOT_2024_4H, octobotCandles } from '../testing/candleFixtures.js';
import { BTC_FILTERS, buildContext, buildSettings, candlesFromCloses } from '../testing/contextBuilder.js';
import { randomWalkCandles } from '../testing/randomWalk.js';
import { simulate } from '../testing/simulate.js';
import type { StrategySettings } from '../types.js';

const settings = buildSettings();
const smartGrid = (params: Record<string, unknown> = {}, s: StrategySettings = settings) => createStrategy('smart_grid_ai', params, s);

/** 4h candles: flat for 60 bars, then a steady move of `pct` per bar for 10 bars. */
function regimeCandles(pct: number): Candle[] {
  const closes = Array.from({ length: 70 }, (_, i) => 100 * (1 + pct) ** Math.max(0, i - 59));
  return candlesFromCloses(closes, 0.002, 0, 14_400_000);
}

describe('smart_grid_ai', () => {
  it('draws a wider grid when the market is more volatile (ATR and realized volatility)', () => {
    const spacingFor = (sigma: number) => {
      const candles = randomWalkCandles({ count: 100, sigma, seed: 7 });
      const strategy = smartGrid({ spacing_min_pct: 0.3, spacing_max_pct: 10 });
      strategy.evaluate(buildContext({ '1h': candles }, '1h'));
      return strategy.describe!();
    };
    const calm = spacingFor(0.003);
    const wild = spacingFor(0.012);
    expect(wild.atr as number).toBeGreaterThan(calm.atr as number);
    expect(wild.spacingPct as number).toBeGreaterThan(2 * (calm.spacingPct as number));
    expect(wild.buyStepPct as number).toBeGreaterThan(calm.buyStepPct as number);
  });

  it('never steps closer than spacing_min_pct (1 % by default), however calm the market', () => {
    const strategy = smartGrid();
    strategy.evaluate(buildContext({ '1h': randomWalkCandles({ count: 100, sigma: 0.0005, seed: 7 }) }, '1h'));
    const d = strategy.describe!();
    expect(d.measuredSpacingPct).toBe(1);
    expect(d.spacingClamped).toBe('min');
    expect(d.buyStepPct).toBe(1);
    expect(d.sellStepPct).toBe(1);
  });

  it('widens each step going out from the centre by level_growth, on both sides', () => {
    const strategy = smartGrid({ level_growth: 0.25, grid_levels: 4 });
    strategy.evaluate(buildContext({ '1h': randomWalkCandles({ count: 100, sigma: 0.0005, seed: 7, price: 30_000 }) }, '1h'));
    const levels = strategy.describe!().levels as { index: number; price: number }[];
    const price = (k: number) => levels.find((l) => l.index === k)!.price;
    // In units of the 1 % step: 1, 1.25, 1.5625, 1.953125 (to the 0.01 tick, which moves them by < 0.01).
    const steps = [1, 2, 3, 4].map((k) => Math.log(price(k) / price(k - 1)) / Math.log(1.01));
    expect(steps[0]).toBeCloseTo(1, 1);
    expect(steps[1]).toBeCloseTo(1.25, 1);
    expect(steps[2]).toBeCloseTo(1.5625, 1);
    expect(steps[3]).toBeCloseTo(1.953125, 1);
    expect(Math.log(price(0) / price(-4)) / Math.log(1.01)).toBeCloseTo(1 + 1.25 + 1.5625 + 1.953125, 1);
  });

  it('redraws its levels only when the measured step moves by more than 5 %', () => {
    const strategy = smartGrid({ spacing_min_pct: 0.3, spacing_max_pct: 10 });
    const calm = randomWalkCandles({ count: 100, sigma: 0.004, seed: 9 });
    strategy.evaluate(buildContext({ '1h': calm }, '1h'));
    const first = strategy.describe!().spacingPct as number;
    const next = [...calm.slice(1), { ...calm[99]!, openTime: calm[99]!.openTime + 3_600_000 }];
    strategy.evaluate(buildContext({ '1h': next }, '1h'));
    const d = strategy.describe!();
    expect(Math.abs((d.measuredSpacingPct as number) / first - 1)).toBeLessThan(0.05);
    expect(d.spacingPct).toBe(first);
    const wild = randomWalkCandles({ count: 100, sigma: 0.02, seed: 9, start: next[99]!.openTime + 3_600_000 });
    strategy.evaluate(buildContext({ '1h': wild }, '1h'));
    expect(strategy.describe!().spacingPct as number).toBeGreaterThan(first * 1.05);
  });

  it('tilts up in a rising 4h regime: centre shifted up, sell side wider than buy side', () => {
    const strategy = smartGrid({ tilt_strength: 1 });
    const primary = randomWalkCandles({ count: 100, sigma: 0.005 });
    strategy.evaluate(buildContext({ '1h': primary, '4h': regimeCandles(0.01) }, '1h'));
    const d = strategy.describe!();
    expect(d.regime as number).toBeGreaterThan(0.1);
    expect(d.sellStepPct as number).toBeGreaterThan(d.buyStepPct as number);
    expect(d.shiftedCentre as number).toBeGreaterThan(d.centre as number);
  });

  it('tilts down in a falling 4h regime: centre shifted down, buy side wider than sell side', () => {
    const strategy = smartGrid({ tilt_strength: 1 });
    const primary = randomWalkCandles({ count: 100, sigma: 0.005 });
    strategy.evaluate(buildContext({ '1h': primary, '4h': regimeCandles(-0.01) }, '1h'));
    const d = strategy.describe!();
    expect(d.regime as number).toBeLessThan(-0.1);
    expect(d.buyStepPct as number).toBeGreaterThan(d.sellStepPct as number);
    expect(d.shiftedCentre as number).toBeLessThan(d.centre as number);
  });

  it('stays symmetric without a 4h view and says the regime is not ready', () => {
    const strategy = smartGrid();
    strategy.evaluate(buildContext({ '1h': randomWalkCandles({ count: 100, sigma: 0.005 }) }, '1h'));
    const d = strategy.describe!();
    expect(d.regime).toBe(0);
    expect(d.regimeReady).toBe(false);
    expect(d.buyStepPct).toBe(d.sellStepPct);
  });

  it('holds trend inventory while the 4h trend is up (bootstrap off), which its grid levels never sell, and sells it when the trend turns', () => {
    const primary = randomWalkCandles({ count: 100, sigma: 0.003, seed: 4, price: 30_000 });
    const strategy = smartGrid({ trend_levels: 3, trend_threshold: 0.4 });
    let base = 0;
    let now = primary[99]!.openTime;
    const step = (price: number, regime: Candle[]) => {
      now += 3_600_000;
      const context = buildContext({ '1h': primary, '4h': regime }, '1h', {
        now,
        price,
        baseBalance: base,
        position: { quantity: base, avgEntryPrice: 0 },
      });
      const signal = strategy.evaluate(context);
      if (signal.action !== 'HOLD') {
        base += signal.action === 'BUY' ? signal.baseQuantity! : -signal.baseQuantity!;
        strategy.onFill!(buildFill({ side: signal.action, quantity: String(signal.baseQuantity), fee: '0' }), signal.tag ?? null);
      }
      return signal;
    };
    const rising = regimeCandles(0.02);
    const centre = primary[99]!.close;
    const first = step(centre, rising);
    expect(first).toMatchObject({ action: 'BUY', reason: 'trend_inventory_buy', tag: 'grid:trend', inputs: { targetShares: 3 } });
    expect(first.action === 'BUY' && first.baseQuantity! * centre).toBeCloseTo(1_500, -1);
    // Above its sell levels, the grid has nothing of its own to sell: the trend inventory is not its to sell.
    expect(step(centre * 1.08, rising)).toMatchObject({ action: 'HOLD', reason: 'no_inventory' });
    expect(strategy.describe!().trendInventory).toMatchObject({ shares: 3, quantity: base });
    // The trend turns: the inventory goes, at once when the target is 0.
    const held = base;
    expect(step(centre * 1.08, regimeCandles(-0.02))).toMatchObject({ action: 'SELL', reason: 'trend_inventory_sell', baseQuantity: held });
    expect(strategy.describe!().trendInventory).toEqual({ quantity: 0, shares: 0, pendingShares: null });
  });

  it('waits out the grid cooldown before a trend inventory order, like any grid order', () => {
    const primary = randomWalkCandles({ count: 100, sigma: 0.003, seed: 4, price: 30_000 });
    // tilt_strength 0: the regime moves only the trend inventory here, not the levels.
    const strategy = smartGrid({ cooldown_seconds: 600, tilt_strength: 0 });
    const t0 = primary[99]!.openTime + 3_600_000;
    const centre = primary[99]!.close;
    const at = (price: number, now: number, regime: Candle[]) =>
      strategy.evaluate(buildContext({ '1h': primary, '4h': regime }, '1h', { price, now }));
    expect(at(centre, t0, regimeCandles(0))).toMatchObject({ reason: 'grid_started' });
    const levelBuy = at(centre * 0.97, t0 + 1_000, regimeCandles(0));
    expect(levelBuy).toMatchObject({ action: 'BUY', reason: 'grid_level_buy' });
    strategy.onFill!(buildFill(), levelBuy.action === 'BUY' ? levelBuy.tag! : null);
    expect(at(centre * 0.97, t0 + 60_000, regimeCandles(0.02))).toMatchObject({ action: 'HOLD' });
    expect(at(centre * 0.97, t0 + 601_000, regimeCandles(0.02))).toMatchObject({ action: 'BUY', reason: 'trend_inventory_buy' });
  });

  it('holds while warming up', () => {
    const signal = smartGrid().evaluate(buildContext({ '1h': randomWalkCandles({ count: 10, sigma: 0.005 }) }, '1h'));
    expect(signal).toMatchObject({ action: 'HOLD', reason: 'warming_up', inputs: { needed: 49 } });
  });

  it('refuses a minimum spacing under the fee floor, naming spacing_min_pct', () => {
    const make = () => smartGrid({ spacing_min_pct: 0.2 });
    expect(make).toThrow(ValidationError);
    expect(make).toThrow(expect.objectContaining({ field: 'spacing_min_pct', message: expect.stringContaining('must exceed 0.25%') }));
    expect(() => smartGrid({ spacing_min_pct: 0.2 }, buildSettings({ makerFee: 0.0005, takerFee: 0.0005 }))).not.toThrow();
  });

  it('re-centres after the price stays above the grid for range_exit_seconds, and says so', () => {
    const candles = randomWalkCandles({ count: 100, sigma: 0.002, seed: 3 });
    const strategy = smartGrid({ range_exit_seconds: 7200, grid_levels: 2 }, buildSettings({ gridAutoInventoryBootstrap: true }));
    const at = (price: number, now: number) => strategy.evaluate(buildContext({ '1h': candles }, '1h', { price, now }));
    const t0 = candles[99]!.openTime + 3_600_000;
    const centre = candles[99]!.close;
    expect(at(centre, t0)).toMatchObject({ reason: 'grid_started' });
    const above = centre * 1.1;
    expect(at(above, t0 + 1000)).toMatchObject({ action: 'BUY', reason: 'grid_inventory_bootstrap' });
    strategy.onFill?.({} as never, 'grid:bootstrap');
    expect(at(above, t0 + 3_600_000)).toMatchObject({ action: 'HOLD', reason: 'outside_grid', inputs: { outsideSide: 'above' } });
    const recentred = at(above, t0 + 1000 + 7_200_000);
    expect(recentred).toMatchObject({
      action: 'HOLD',
      reason: 'grid_recentered',
      inputs: { previous: { centre, lastLevel: 2, outsideSince: t0 + 1000 }, centre: above, lastLevel: 0 },
    });
    expect(strategy.describe!().centre).toBe(above);
  });

  it('never re-centres below its range: re-centring there would sell what it holds below cost', () => {
    const candles = randomWalkCandles({ count: 100, sigma: 0.002, seed: 3 });
    const strategy = smartGrid({ range_exit_seconds: 7200, grid_levels: 2 });
    const at = (price: number, now: number) => strategy.evaluate(buildContext({ '1h': candles }, '1h', { price, now }));
    const t0 = candles[99]!.openTime + 3_600_000;
    const centre = candles[99]!.close;
    at(centre, t0);
    const below = centre * 0.9;
    expect(at(below, t0 + 1000)).toMatchObject({ action: 'BUY', tag: 'grid:L-2' });
    strategy.onFill?.({} as never, 'grid:L-2');
    for (const hours of [1, 3, 24, 24 * 30])
      expect(at(below, t0 + hours * 3_600_000)).toMatchObject({ action: 'HOLD', reason: 'outside_grid', inputs: { outsideSide: 'below' } });
    expect(strategy.describe!()).toMatchObject({ centre, outOfRangeSide: 'below', outOfRangeSince: t0 + 1000 });
  });

  it('restarts its range-exit clock when the price jumps from below the grid to above it', () => {
    const candles = randomWalkCandles({ count: 100, sigma: 0.002, seed: 3 });
    const strategy = smartGrid({ range_exit_seconds: 7200, grid_levels: 2 });
    const at = (price: number, now: number) => strategy.evaluate(buildContext({ '1h': candles }, '1h', { price, now }));
    const t0 = candles[99]!.openTime + 3_600_000;
    const centre = candles[99]!.close;
    at(centre, t0);
    at(centre * 0.9, t0 + 1000);
    strategy.onFill?.({} as never, 'grid:L-2');
    at(centre * 0.9, t0 + 3 * 3_600_000);
    // Above the grid now: long past 7,200 s since it left the grid (below), but only just above it.
    expect(at(centre * 1.1, t0 + 4 * 3_600_000).reason).not.toBe('grid_recentered');
    expect(strategy.describe!()).toMatchObject({ outOfRangeSide: 'above', outOfRangeSince: t0 + 4 * 3_600_000 });
    expect(at(centre * 1.1, t0 + 5 * 3_600_000).reason).not.toBe('grid_recentered');
    expect(at(centre * 1.1, t0 + 6 * 3_600_000)).toMatchObject({ reason: 'grid_recentered' });
  });

  it('trades the 2024 BTC 4h market in both spacing modes, identically on a second run (determinism)', () => {
    const candles = octobotCandles(OCTOBOT_2024_4H, 'BTC/USDT', '4h');
    for (const mode of ['geometric', 'arithmetic'] as const) {
      const s = buildSettings({ primaryTimeframe: '4h', timeframes: ['4h'], gridSpacingMode: mode, gridAutoInventoryBootstrap: true });
      const run = () =>
        simulate(smartGrid({}, s), candles, '4h', { window: 200, regimeCandles: (i) => candles.slice(Math.max(0, i - 199), i + 1) });
      const first = run();
      const trades = first.signals.filter((x) => x.action !== 'HOLD');
      expect(trades.length).toBeGreaterThan(10);
      expect(trades.some((x) => x.action === 'SELL')).toBe(true);
      expect(first.account.quote).toBeGreaterThan(-1e-9);
      expect(first.account.base).toBeGreaterThan(-1e-12);
      expect(run().signals).toEqual(first.signals);
    }
  });

  it('after a restart (snapshot → new instance → restore) gives the same next signals, trend inventory included', () => {
    const candles = octobotCandles(OCTOBOT_2024_4H, 'BTC/USDT', '4h');
    const s = buildSettings({ primaryTimeframe: '4h', timeframes: ['4h'] });
    const regimeCandles = (i: number) => candles.slice(Math.max(0, i - 199), i + 1);
    const original = smartGrid({}, s);
    const before = simulate(original, candles, '4h', { window: 200, regimeCandles, to: 355 });
    // Mid-rally (early March 2024): the snapshot carries trend inventory as well as the grid.
    const snapshot = JSON.parse(JSON.stringify(original.snapshot!()));
    expect(snapshot).toMatchObject({ kind: 'grid', version: 2, trend: { shares: expect.any(Number) } });
    expect(snapshot.trend.quantity).toBeGreaterThan(0);
    const restored = smartGrid({}, s);
    restored.restore!(snapshot);
    expect(restored.describe!().trendInventory).toEqual(original.describe!().trendInventory);
    const next = (strategy: ReturnType<typeof smartGrid>) =>
      simulate(strategy, candles, '4h', { window: 200, regimeCandles, from: 355, to: 480, account: { ...before.account } }).signals.map(
        (x) => [x.action, x.reason, 'tag' in x ? x.tag : null, 'baseQuantity' in x ? x.baseQuantity : null],
      );
    const continued = next(original);
    expect(continued.some(([action]) => action !== 'HOLD')).toBe(true);
    expect(next(restored)).toEqual(continued);
  });

  it('does not re-buy the level it just bought when restarted at the same price', () => {
    const candles = randomWalkCandles({ count: 100, sigma: 0.003, seed: 5 });
    const original = smartGrid({ grid_levels: 3 });
    const ctx = (price: number, now: number) => buildContext({ '1h': candles }, '1h', { price, now });
    const t0 = candles[99]!.openTime + 3_600_000;
    original.evaluate(ctx(100, t0));
    const dip = (original.describe!().levels as { index: number; price: number }[]).find((l) => l.index === -1)!.price - 0.01;
    expect(original.evaluate(ctx(dip, t0 + 1000))).toMatchObject({ action: 'BUY', tag: 'grid:L-1' });
    original.onFill!({} as never, 'grid:L-1');
    const restored = smartGrid({ grid_levels: 3 });
    restored.restore!(original.snapshot!());
    expect(restored.evaluate(ctx(dip, t0 + 2000))).toMatchObject({ action: 'HOLD', inputs: { lastLevel: -1 } });
  });

  it('refuses a corrupt snapshot rather than guessing the last level', () => {
    expect(() => smartGrid().restore!({ kind: 'grid', version: 1, lastLevel: 'x' })).toThrow(
      expect.objectContaining({ field: 'snapshot' }),
    );
  });

  it('puts every level on the tick and every order (levels and trend inventory) on the step above min notional (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('0.01', '0.1', '1'),
        fc.constantFrom('0.00001', '0.001'),
        fc.constantFrom('geometric' as const, 'arithmetic' as const),
        fc.double({ min: 0.002, max: 0.02, noNaN: true }),
        fc.double({ min: -0.004, max: 0.004, noNaN: true }),
        (seed, tickSize, stepSize, mode, sigma, drift) => {
          const filters = { ...BTC_FILTERS, tickSize, minPrice: tickSize, stepSize, minQty: stepSize };
          const candles = randomWalkCandles({ count: 200, sigma, drift, seed, price: 30_000 });
          const strategy = smartGrid({ grid_levels: 4 }, buildSettings({ gridSpacingMode: mode, gridAutoInventoryBootstrap: true }));
          let base = 0;
          for (let i = 60; i < candles.length; i++) {
            const window = candles.slice(i - 59, i + 1);
            const context = {
              ...buildContext({ '1h': window, '4h': window }, '1h', { baseBalance: base, position: { quantity: base, avgEntryPrice: 0 } }),
              filters,
            };
            const signal = strategy.evaluate(context);
            for (const level of strategy.describe!().levels as { price: number }[])
              expect(dec(String(level.price)).mod(tickSize).isZero()).toBe(true);
            if (signal.action === 'HOLD') continue;
            expect(filterViolations(String(signal.baseQuantity), quantizePrice(context.price, filters), filters)).toEqual([]);
            base += signal.action === 'BUY' ? signal.baseQuantity! : -signal.baseQuantity!;
            expect(base).toBeGreaterThanOrEqual(-1e-12);
            strategy.onFill!(
              buildFill({ side: signal.action, price: String(context.price), quantity: String(signal.baseQuantity) }),
              signal.tag ?? null,
            );
            // The levels never sell the trend inventory, so it is always held.
            expect((strategy.describe!().trendInventory as { quantity: number }).quantity).toBeLessThanOrEqual(base + 1e-12);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
