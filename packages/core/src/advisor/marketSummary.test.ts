import { describe, expect, it } from 'vitest';
import { summarizeCandles } from './marketSummary.js';
import { buildCandles } from './testFixtures.js';

describe('market summary', () => {
  it('calls a steady climb trending up and an oscillation ranging', () => {
    expect(summarizeCandles(buildCandles(60, { drift: 0.002, swing: 0 })).regime).toBe('trending_up');
    expect(summarizeCandles(buildCandles(60, { drift: -0.002, swing: 0 })).regime).toBe('trending_down');
    expect(summarizeCandles(buildCandles(60, { swing: 0.01 })).regime).toBe('ranging');
  });

  it('reports ATR relative to the last close', () => {
    const candles = Array.from({ length: 20 }, (_, i) => ({ openTime: i, open: 100, high: 101, low: 99, close: 100, volume: 1 }));
    const summary = summarizeCandles(candles);
    expect(summary.atr).toBe(2);
    expect(summary.atrPct).toBe(2);
  });

  it('says unknown without candles', () => {
    expect(summarizeCandles([])).toMatchObject({ candles: 0, regime: 'unknown', atr: null });
  });
});
