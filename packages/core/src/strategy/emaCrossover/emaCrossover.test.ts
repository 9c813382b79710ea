import { EMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { createStrategy } from '../registry.js';
import { btc1m2021 } from '../testing/candleFixtures.js';
import { buildSettings } from '../testing/contextBuilder.js';
import { simulate } from '../testing/simulate.js';

const settings = buildSettings({ primaryTimeframe: '1m', timeframes: ['1m'] });
const candles = btc1m2021().slice(0, 3000);

/** Crosses computed the slow way: both EMAs over the whole history, compared bar by bar. */
function referenceCrosses(fast: number, slow: number): Map<number, 'BUY' | 'SELL'> {
  const f = new EMA(fast);
  const s = new EMA(slow);
  const out = new Map<number, 'BUY' | 'SELL'>();
  let previous: number | null = null;
  candles.forEach((c, i) => {
    f.add(c.close);
    s.add(c.close);
    const gap = f.isStable && s.isStable ? f.getResultOrThrow() - s.getResultOrThrow() : null;
    if (gap !== null && previous !== null) {
      if (previous <= 0 && gap > 0) out.set(i, 'BUY');
      if (previous >= 0 && gap < 0) out.set(i, 'SELL');
    }
    previous = gap;
  });
  return out;
}

describe('ema_crossover', () => {
  it('signals exactly at the EMA crosses of the whole history while fed sliding windows', () => {
    const strategy = createStrategy('ema_crossover', { fast_period: 9, slow_period: 21 }, settings);
    const { signals } = simulate(strategy, candles, '1m', { window: 120 });
    const expected = referenceCrosses(9, 21);
    expect(expected.size).toBeGreaterThan(20);
    signals.forEach((signal, i) => {
      const cross = expected.get(i);
      if (cross === 'BUY') expect(signal).toMatchObject({ action: 'BUY', reason: 'ema_bullish_cross' });
      else if (cross === 'SELL') expect(['ema_bearish_cross', 'no_position']).toContain(signal.reason);
      else expect(signal.action).toBe('HOLD');
    });
  });

  it('sells only when holding, and carries both EMAs in its inputs', () => {
    const strategy = createStrategy('ema_crossover', { fast_period: 9, slow_period: 21 }, settings);
    const { signals } = simulate(strategy, candles, '1m', { window: 120 });
    const sells = signals.filter((s) => s.action === 'SELL');
    const buys = signals.filter((s) => s.action === 'BUY');
    expect(sells.length).toBeGreaterThan(0);
    expect(sells.length).toBeLessThanOrEqual(buys.length);
    expect(sells[0]!.inputs).toEqual(
      expect.objectContaining({ fastEma: expect.any(Number), slowEma: expect.any(Number), gap: expect.any(Number) }),
    );
  });

  it('warms up first and then decides the same for the same candles (determinism)', () => {
    const run = () => simulate(createStrategy('ema_crossover', {}, settings), candles, '1m', { window: 200 }).signals;
    const first = run();
    expect(first[0]).toMatchObject({ action: 'HOLD', reason: 'warming_up' });
    expect(run()).toEqual(first);
  });
});
