import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors/errors.js';
import { createStrategy } from '../registry.js';
import { buildSettings } from '../testing/contextBuilder.js';
import { GridHarness } from '../testing/gridHarness.js';

// 1 % geometric grid, 3 levels a side, centred at 100: buy levels rounded down (99, 98.02, 97.05), sell levels up (101, 102.01, 103.04).
function grid(overrides: Record<string, unknown> = {}, settings = {}) {
  const strategy = createStrategy('grid', { spacing_pct: 1, grid_levels: 3, capital_pct: 60, ...overrides }, buildSettings(settings));
  const h = new GridHarness(strategy);
  h.at(100);
  return h;
}

describe('grid (static)', () => {
  it('starts centred on the first price and describes its levels', () => {
    const h = grid();
    const d = h.strategy.describe!();
    expect(d.centre).toBe(100);
    expect((d.levels as { price: number }[]).map((l) => l.price)).toEqual([97.05, 98.02, 99, 100, 101, 102.01, 103.04]);
    expect(d.capital).toBe(6000);
  });

  it('buys one level share when price reaches the level below the last traded one', () => {
    const h = grid();
    const signal = h.at(98.9);
    expect(signal).toMatchObject({
      action: 'BUY',
      reason: 'grid_level_buy',
      tag: 'grid:L-1',
      quoteAmount: expect.closeTo(10.10101 * 98.9, 6),
      baseQuantity: 10.10101,
    });
    expect(signal.inputs).toMatchObject({ level: -1, levelPrice: 99, levelsCrossed: 1, lastLevel: 0 });
  });

  it('buys every level a fast move crossed in one signal, tagged with the deepest', () => {
    const h = grid();
    expect(h.at(97)).toMatchObject({ action: 'BUY', tag: 'grid:L-3', baseQuantity: 30.91188, inputs: { levelsCrossed: 3 } });
  });

  it('does not buy a level again once its fill is reported, but does while it is unfilled', () => {
    const h = grid();
    expect(h.at(98.9, { fill: false })).toMatchObject({ action: 'BUY', tag: 'grid:L-1' });
    expect(h.at(98.9)).toMatchObject({ action: 'BUY', tag: 'grid:L-1' });
    expect(h.at(98.9)).toMatchObject({ action: 'HOLD', reason: 'inside_grid' });
  });

  it('sells inventory when price climbs to a level above the last traded one', () => {
    const h = grid();
    h.at(98.9);
    const signal = h.at(100.2);
    expect(signal).toMatchObject({ action: 'SELL', reason: 'grid_level_sell', tag: 'grid:L0', baseQuantity: 10 });
  });

  it('holds with no_inventory when a sell level is reached while flat and bootstrap is off', () => {
    expect(grid().at(101.5)).toMatchObject({ action: 'HOLD', reason: 'no_inventory', inputs: { level: 1 } });
  });

  it('bootstraps inventory with a share of grid capital when flat and bootstrap is on, then sells only one level higher', () => {
    const h = grid({ bootstrap_share: 0.5 }, { gridAutoInventoryBootstrap: true });
    const bootstrap = h.at(101.5);
    expect(bootstrap).toMatchObject({
      action: 'BUY',
      reason: 'grid_inventory_bootstrap',
      tag: 'grid:bootstrap',
      quoteAmount: 3000,
      inputs: { replacesSellAtLevel: 1 },
    });
    expect(h.at(101.5)).toMatchObject({ action: 'HOLD', reason: 'inside_grid', inputs: { lastLevel: 1 } });
    expect(h.at(102.5)).toMatchObject({ action: 'SELL', tag: 'grid:L2' });
  });

  it('collapses a burst within the cooldown into an audited HOLD, then trades again after it', () => {
    const h = grid({ cooldown_seconds: 60 });
    expect(h.at(98.9, { advanceSeconds: 600 })).toMatchObject({ action: 'BUY', tag: 'grid:L-1' });
    const suppressed = h.at(97.9, { advanceSeconds: 30 });
    expect(suppressed).toMatchObject({
      action: 'HOLD',
      reason: 'cooldown',
      inputs: { suppressed: { action: 'BUY', tag: 'grid:L-2' }, cooldownSeconds: 60, resumesAt: h.now + 30_000 },
    });
    expect(h.at(97.9, { advanceSeconds: 31 })).toMatchObject({ action: 'BUY', tag: 'grid:L-2' });
  });

  it('never re-centres: outside its range it waits', () => {
    const h = grid();
    h.at(96);
    expect(h.at(90, { advanceSeconds: 30 * 86_400 })).toMatchObject({ action: 'HOLD', reason: 'outside_grid' });
    expect(h.strategy.describe!().centre).toBe(100);
  });

  it('refuses a step that does not cover a round trip of fees', () => {
    expect(() => createStrategy('grid', { spacing_pct: 0.2 }, buildSettings())).toThrow(ValidationError);
    expect(() => createStrategy('grid', { spacing_pct: 0.2 }, buildSettings())).toThrow(expect.objectContaining({ field: 'spacing_pct' }));
    expect(() => createStrategy('grid', { spacing_pct: 0.2 }, buildSettings({ makerFee: 0, takerFee: 0.0005 }))).not.toThrow();
  });

  it('preflight refuses capital too small for the levels', () => {
    const strategy = createStrategy('grid', { spacing_pct: 1, grid_levels: 3, capital_pct: 10 }, buildSettings());
    const h = new GridHarness(strategy);
    expect(strategy.preflight!(h.context(100))).toEqual([]);
    const problems = strategy.preflight!({ ...h.context(100), equity: 250 });
    expect(problems).toHaveLength(7);
    expect(problems[0]).toContain('grid capital 25 USDT gives 4.17 USDT per level');
  });
});
