import { randomWalkCandles } from '@warden/testkit/candles';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parseConfig.js';
import { aggregateCandles } from '../data/aggregateCandles.js';
import type { Candle } from '../domain/market.js';
import { BTC_FILTERS } from '../testing/cycleHarness.js';
import { buyAndHold } from './buyAndHold.js';
import { BUY_AND_HOLD, type ResearchSetData, runResearchPart } from './runPart.js';

const HOUR = 3_600_000;
const config = parseConfig({ TRADING_TIMEFRAMES: '1h,4h', TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' });
const h1 = randomWalkCandles({ count: 800, stepMs: HOUR, volatility: 0.01, seed: 21, start: Date.UTC(2024, 0, 1) });
const set: ResearchSetData = {
  symbol: 'BTC/USDT',
  primary: '1h',
  candles: { '1h': h1, '4h': aggregateCandles(h1, '1h', '4h') },
  filters: BTC_FILTERS,
  startingEquity: 10_000,
};

describe('runResearchPart', () => {
  it('trades an out-of-sample part only from the split on, and an in-sample part only before it', async () => {
    const oos = await runResearchPart(set, { strategy: 'grid', params: {}, part: 'out-of-sample', curve: true }, config, 0.7);
    const is = await runResearchPart(set, { strategy: 'grid', params: {}, part: 'in-sample', curve: false }, config, 0.7);
    const splitTime = oos.set.split.splitTime;
    expect(splitTime).toBe((h1[560] as Candle).openTime);
    if (!oos.result.ok || !is.result.ok) throw new Error('runs failed');
    expect(oos.result.from).toBe(splitTime);
    expect(oos.result.candles).toBe(240);
    expect(is.result.candles).toBe(560);
    expect(is.result.to).toBeLessThanOrEqual(splitTime);
    expect(oos.result.curve.length).toBeGreaterThan(1);
    expect(is.result.curve).toEqual([]);
    expect(oos.result.score).toBe(oos.result.returnPct / Math.max(oos.result.maxDrawdownPct, 0.01));
  });

  it('turns a strategy’s refusal into a failed run that names the reason', async () => {
    const r = await runResearchPart(set, { strategy: 'grid', params: { spacing_pct: 0.05 }, part: 'full', curve: false }, config, 0.7);
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error).toMatch(/spacing_pct/);
  });

  it('runs buy-and-hold on the same candles as the strategies', async () => {
    const r = await runResearchPart(set, { strategy: BUY_AND_HOLD, params: {}, part: 'out-of-sample', curve: false }, config, 0.7);
    const first = (h1[560] as Candle).close;
    const last = (h1[799] as Candle).close;
    expect(r.result.ok && r.result.returnPct).toBeCloseTo(((last - first) / first) * 100, 10);
  });
});

describe('buyAndHold', () => {
  const c = (openTime: number, close: number): Candle => ({ openTime, open: close, high: close, low: close, close, volume: 1 });
  it('is the price return, with the largest fall from a peak as its drawdown', () => {
    const r = buyAndHold([c(0, 100), c(1, 120), c(2, 90), c(3, 110)], undefined, 1000, 10);
    expect(r.returnPct).toBeCloseTo(10, 10);
    expect(r.maxDrawdownPct).toBeCloseTo(25, 10);
    expect(r.finalEquity).toBeCloseTo(1100, 10);
    expect(r.curve.at(-1)).toEqual([3, 1100]);
  });
  it('starts at `from`', () => {
    expect(buyAndHold([c(0, 100), c(1, 50), c(2, 100)], 1, 1000, 0).returnPct).toBeCloseTo(100, 10);
  });
});
