import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { createStrategy, getStrategyDefinition, knownStrategyNames, parseStrategyParams, strategyRegistry } from './registry.js';
import { buildSettings } from './testing/contextBuilder.js';
import { randomWalkCandles } from './testing/randomWalk.js';
import { simulate } from './testing/simulate.js';

const settings = buildSettings({ gridCooldownSeconds: 45 });

describe('strategy registry', () => {
  it('knows the four strategies', () => {
    expect(knownStrategyNames().sort()).toEqual(['ema_crossover', 'grid', 'rsi_mean_reversion', 'smart_grid_ai']);
  });

  it('refuses an unknown name, listing the known ones, against TRADING_ACTIVE_STRATEGY', () => {
    const error = (() => {
      try {
        getStrategyDefinition('moon_shot');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('TRADING_ACTIVE_STRATEGY');
    expect((error as ValidationError).message).toBe(
      'unknown strategy "moon_shot"; known: smart_grid_ai, grid, ema_crossover, rsi_mean_reversion',
    );
  });

  it('fills defaults and creates an instance with the parsed parameters', () => {
    const strategy = createStrategy('ema_crossover', { fast_period: 5 }, settings);
    expect(strategy.name).toBe('ema_crossover');
    expect(strategy.params).toEqual({ fast_period: 5, slow_period: 26 });
  });

  it('names the offending parameter', () => {
    expect(() => createStrategy('rsi_mean_reversion', { oversold: 80 }, settings)).toThrow(expect.objectContaining({ field: 'oversold' }));
    expect(() => createStrategy('ema_crossover', { fast_period: 30, slow_period: 20 }, settings)).toThrow(
      expect.objectContaining({ field: 'fast_period' }),
    );
  });

  it('takes a grid cooldown from TRADING_GRID_COOLDOWN_SECONDS unless a stored parameter overrides it', () => {
    expect(parseStrategyParams('smart_grid_ai', {}, settings).cooldown_seconds).toBe(45);
    expect(parseStrategyParams('smart_grid_ai', { cooldown_seconds: 5 }, settings).cooldown_seconds).toBe(5);
    expect(parseStrategyParams('grid', {}, settings).cooldown_seconds).toBe(45);
  });

  it('declares defaults that its own schema accepts unchanged', () => {
    for (const definition of strategyRegistry.values())
      expect(definition.paramsSchema.parse(definition.defaults)).toEqual(definition.defaults);
  });

  describe.each([...strategyRegistry.values()].map((d) => [d.name, d] as const))('%s tunable parameters', (_name, definition) => {
    it.each(definition.tunable.map((t) => [t.key, t] as const))('%s has the same bounds as the zod schema', (key, t) => {
      const at = (value: number) => definition.paramsSchema.safeParse({ ...definition.defaults, [key]: value }).success;
      // Move a dependent bound out of the way (spacing_min ≤ spacing_max, fast < slow) so only `key` is tested.
      const relaxed = (value: number) =>
        definition.paramsSchema.safeParse({
          ...definition.defaults,
          ...(key === 'spacing_min_pct' ? { spacing_max_pct: 10 } : {}),
          ...(key === 'spacing_max_pct' ? { spacing_min_pct: 0.05 } : {}),
          ...(key === 'fast_period' ? { slow_period: 400 } : {}),
          ...(key === 'slow_period' ? { fast_period: 2 } : {}),
          [key]: value,
        }).success;
      expect(relaxed(t.min)).toBe(true);
      expect(relaxed(t.max)).toBe(true);
      expect(at(t.min - 1e-6) || relaxed(t.min - 1e-6)).toBe(false);
      expect(relaxed(t.max + 1e-6)).toBe(false);
      expect(relaxed(t.min + 0.5)).toBe(!t.integer);
      expect(definition.defaults[key]).toBeGreaterThanOrEqual(t.min);
      expect(definition.defaults[key]).toBeLessThanOrEqual(t.max);
    });
  });

  it('decides the same whether or not its holds are explained (backtests skip the inputs of holds)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...knownStrategyNames()), fc.integer({ min: 1, max: 1_000 }), (name, seed) => {
        const candles = randomWalkCandles({ count: 400, sigma: 0.01, seed, stepMs: 3_600_000 });
        const run = (explainHolds: boolean) =>
          simulate(createStrategy(name, {}, settings), candles, '1h', {
            window: 200,
            explainHolds,
            regimeCandles: (i) => candles.slice(Math.max(0, i - 199), i + 1),
          }).signals;
        const explained = run(true);
        const quiet = run(false);
        expect(quiet.map((s) => `${s.action}:${s.reason}`)).toEqual(explained.map((s) => `${s.action}:${s.reason}`));
        // Trades carry the same inputs either way; only holds may drop theirs.
        expect(quiet.filter((s) => s.action !== 'HOLD')).toEqual(explained.filter((s) => s.action !== 'HOLD'));
        // A hold never carries more when it is not explained (whether any hold occurs depends on the data).
        quiet.forEach((s, i) => {
          if (s.action === 'HOLD') expect(Object.keys(s.inputs).length).toBeLessThanOrEqual(Object.keys(explained[i]?.inputs ?? {}).length);
        });
      }),
      { numRuns: 24 },
    );
  });

  it('drops the inputs of ordinary holds when they are not explained (a fixed market every strategy holds in)', () => {
    const candles = randomWalkCandles({ count: 400, sigma: 0.01, seed: 1, stepMs: 3_600_000 });
    for (const name of knownStrategyNames()) {
      const signals = simulate(createStrategy(name, {}, settings), candles, '1h', {
        window: 200,
        explainHolds: false,
        regimeCandles: (i) => candles.slice(Math.max(0, i - 199), i + 1),
      }).signals;
      expect(
        signals.some((s) => s.action === 'HOLD' && Object.keys(s.inputs).length === 0),
        name,
      ).toBe(true);
    }
  });
});
