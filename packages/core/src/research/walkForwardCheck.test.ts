import { randomWalkCandles } from '@warden/testkit/candles';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parseConfig.js';
import { aggregateCandles } from '../data/aggregateCandles.js';
import { BTC_FILTERS } from '../testing/cycleHarness.js';
import type { ResearchSetData } from './runPart.js';
import { walkForwardCheck } from './walkForwardCheck.js';

const config = parseConfig({ TRADING_TIMEFRAMES: '1h,4h', TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' });
const h1 = randomWalkCandles({ count: 600, stepMs: 3_600_000, volatility: 0.01, seed: 12, start: Date.UTC(2024, 0, 1) });
const set: ResearchSetData = {
  symbol: 'BTC/USDT',
  primary: '1h',
  candles: { '1h': h1, '4h': aggregateCandles(h1, '1h', '4h') },
  filters: BTC_FILTERS,
  startingEquity: 10_000,
};

describe('walkForwardCheck', () => {
  it('scores both sides on both parts and says whether the proposal wins out-of-sample', async () => {
    const check = await walkForwardCheck(set, { strategy: 'grid', params: {} }, { strategy: 'grid', params: { spacing_pct: 2.5 } }, config);
    expect(check).toMatchObject({ candles: 600, inSampleCandles: 420, outOfSampleCandles: 180 });
    expect(check.proposedBeatsCurrent).toBe(check.proposed.outOfSample.score > check.current.outOfSample.score);
    expect(check.proposed).not.toEqual(check.current);
  });

  it('throws, naming the strategy, when the proposal is refused', async () => {
    await expect(
      walkForwardCheck(set, { strategy: 'grid', params: {} }, { strategy: 'grid', params: { spacing_pct: 0.05 } }, config),
    ).rejects.toThrow(/grid refused the parameters: .*spacing_pct/);
  });
});
