import { describe, expect, it } from 'vitest';
import { createStrategy } from '../registry.js';
import { btc1m2021, jesseCandles } from '../testing/candleFixtures.js';
import { buildContext, buildSettings, candlesFromCloses } from '../testing/contextBuilder.js';
import { simulate } from '../testing/simulate.js';

const settings = buildSettings({ primaryTimeframe: '4h', timeframes: ['4h'] });

describe('rsi_mean_reversion', () => {
  it('reports Wilder RSI(14) = 57.84 on Jesse test_candles_14', () => {
    const strategy = createStrategy('rsi_mean_reversion', {}, settings);
    const signal = strategy.evaluate(buildContext({ '4h': jesseCandles('test_candles_14') }, '4h'));
    expect(signal.inputs.rsi as number).toBeCloseTo(57.84, 2);
    expect(signal).toMatchObject({ action: 'HOLD', reason: 'rsi_neutral' });
  });

  it('buys a slide into oversold while flat, and holds if already in a position', () => {
    const falling = candlesFromCloses(
      Array.from({ length: 30 }, (_, i) => 100 - i),
      0.001,
      0,
      14_400_000,
    );
    const flat = createStrategy('rsi_mean_reversion', {}, settings).evaluate(buildContext({ '4h': falling }, '4h'));
    expect(flat).toMatchObject({ action: 'BUY', reason: 'rsi_oversold' });
    const holding = buildContext({ '4h': falling }, '4h', { baseBalance: 1, position: { quantity: 1, avgEntryPrice: 90 } });
    expect(createStrategy('rsi_mean_reversion', {}, settings).evaluate(holding)).toMatchObject({
      action: 'HOLD',
      reason: 'already_in_position',
    });
  });

  it('sells the position into overbought and holds when flat', () => {
    const rising = candlesFromCloses(
      Array.from({ length: 30 }, (_, i) => 100 + i),
      0.001,
      0,
      14_400_000,
    );
    const holding = buildContext({ '4h': rising }, '4h', { baseBalance: 1, position: { quantity: 1, avgEntryPrice: 100 } });
    expect(createStrategy('rsi_mean_reversion', {}, settings).evaluate(holding)).toMatchObject({
      action: 'SELL',
      reason: 'rsi_overbought',
    });
    expect(createStrategy('rsi_mean_reversion', {}, settings).evaluate(buildContext({ '4h': rising }, '4h'))).toMatchObject({
      action: 'HOLD',
      reason: 'no_position',
    });
  });

  it('round-trips on real 1m candles and gives the same signals on a second run', () => {
    const oneMinute = buildSettings({ primaryTimeframe: '1m', timeframes: ['1m'] });
    const candles = btc1m2021().slice(0, 4000);
    const run = () => simulate(createStrategy('rsi_mean_reversion', {}, oneMinute), candles, '1m', { window: 100 }).signals;
    const signals = run();
    expect(signals.some((s) => s.action === 'BUY')).toBe(true);
    expect(signals.some((s) => s.action === 'SELL')).toBe(true);
    expect(run()).toEqual(signals);
  });
});
