import { describe, expect, it } from 'vitest';
import { GRID_SNAPSHOT_VERSION, type GridState, initialGridState } from '../grid/gridState.js';
import { createStrategy } from '../registry.js';
import { buildSettings } from '../testing/contextBuilder.js';
import { fromSmartGridSnapshot, toSmartGridSnapshot } from './smartGridSnapshot.js';

const grid: GridState = {
  centre: 100,
  capital: 5_000,
  lastLevel: -2,
  lastSignalAt: 1_000,
  outOfRangeSince: 2_000,
  outOfRangeSide: 'below',
  bootstrapLevel: null,
};
const trend = { quantity: 0.5, shares: 2, pendingShares: null };

/** What the smart grid wrote before this version: no exit side, no trend inventory, a tilt from the MACD histogram. */
const version1 = {
  kind: 'grid',
  version: 1,
  centre: 100,
  capital: 5_000,
  lastLevel: -2,
  lastSignalAt: 1_000,
  outOfRangeSince: 2_000,
  bootstrapLevel: null,
  drawn: { step: 0.004, tilt: 0.3 },
};

describe('smart grid snapshot', () => {
  it('round-trips the grid, the drawn shape and the trend inventory through JSON', () => {
    const snapshot = JSON.parse(JSON.stringify(toSmartGridSnapshot(grid, { step: 0.01, tilt: -0.5 }, trend)));
    expect(snapshot).toMatchObject({ kind: 'grid', version: GRID_SNAPSHOT_VERSION });
    expect(fromSmartGridSnapshot(snapshot, 5)).toEqual({ grid, drawn: { step: 0.01, tilt: -0.5 }, trend });
  });

  it('migrates version 1: the grid carries over, the range-exit clock restarts, the trend inventory starts empty, the shape is measured again', () => {
    expect(fromSmartGridSnapshot(version1, 5)).toEqual({
      grid: { ...grid, outOfRangeSince: null, outOfRangeSide: null },
      drawn: null,
      trend: { quantity: 0, shares: 0, pendingShares: null },
    });
  });

  it('refuses a version it does not know, naming it, and a corrupt trend inventory or shape', () => {
    const v2 = toSmartGridSnapshot(grid, null, trend);
    expect(() => fromSmartGridSnapshot({ ...v2, version: 3 }, 5)).toThrow(
      expect.objectContaining({ field: 'snapshot', message: expect.stringContaining('version 3 is not one this grid reads (1 or 2)') }),
    );
    expect(() => fromSmartGridSnapshot({ ...v2, trend: { quantity: -1, shares: 2, pendingShares: null } }, 5)).toThrow(
      expect.objectContaining({ field: 'snapshot', message: expect.stringContaining('trend.quantity') }),
    );
    expect(() => fromSmartGridSnapshot({ ...v2, trend: undefined }, 5)).toThrow(expect.objectContaining({ field: 'snapshot' }));
    expect(() => fromSmartGridSnapshot({ ...v2, drawn: { step: 0, tilt: 0 } }, 5)).toThrow(expect.objectContaining({ field: 'snapshot' }));
    expect(() => fromSmartGridSnapshot({ ...v2, outOfRangeSide: 'sideways' }, 5)).toThrow(expect.objectContaining({ field: 'snapshot' }));
  });

  it('a refused snapshot leaves the running strategy as it was', () => {
    const strategy = createStrategy('smart_grid_ai', {}, buildSettings());
    strategy.restore!(toSmartGridSnapshot(grid, null, trend));
    expect(() => strategy.restore!({ ...version1, version: 7 })).toThrow();
    expect(strategy.describe!()).toMatchObject({ centre: 100, lastLevel: -2, trendInventory: trend });
  });

  it('keeps the last level on a grid whose level count was lowered since', () => {
    expect(
      fromSmartGridSnapshot(toSmartGridSnapshot({ ...initialGridState(), centre: 100, lastLevel: -7 }, null, trend), 3).grid.lastLevel,
    ).toBe(-3);
  });

  it('the static grid reads version 1 and writes version 2 too', () => {
    const strategy = createStrategy('grid', {}, buildSettings());
    const { drawn: _drawn, ...staticV1 } = version1;
    strategy.restore!(staticV1);
    expect(strategy.snapshot!()).toEqual({ kind: 'grid', version: 2, ...grid, outOfRangeSince: null, outOfRangeSide: null });
  });
});
