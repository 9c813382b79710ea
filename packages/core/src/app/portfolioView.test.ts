import { describe, expect, it } from 'vitest';
import { accountPerformance } from './portfolioView.js';

const LIMITS = { drawdownLimitPct: 20, dailyLossLimitPct: 5 };

describe("the account's performance against its watermarks and limits", () => {
  it('gives return from the starting equity, drawdown from the peak and P&L since the day started', () => {
    const p = accountPerformance(9_500, { startingEquity: 10_000, peakEquity: 11_000, dayStartEquity: 10_000, ...LIMITS });
    expect(p.returnPct).toBeCloseTo(-5, 10);
    expect(p.peakEquity).toBe(11_000);
    expect(p.drawdownPct).toBeCloseTo((1_500 / 11_000) * 100, 10);
    expect(p.dayPnl).toBe(-500);
    expect(p.dayPnlPct).toBeCloseTo(-5, 10);
    expect(p).toMatchObject({ startingEquity: 10_000, dayStartEquity: 10_000, drawdownLimitPct: 20, dailyLossLimitPct: 5 });
  });

  it('counts the equity itself in the peak (a new high is no drawdown), as the risk check does', () => {
    const p = accountPerformance(12_000, { startingEquity: 10_000, peakEquity: 11_000, dayStartEquity: 11_500, ...LIMITS });
    expect(p.peakEquity).toBe(12_000);
    expect(p.drawdownPct).toBe(0);
    expect(p.returnPct).toBeCloseTo(20, 10);
  });

  it('before any watermark (a fresh start) reports zeros, not NaN or Infinity', () => {
    const p = accountPerformance(10_000, { startingEquity: 0, peakEquity: 0, dayStartEquity: 0, ...LIMITS });
    expect(p).toMatchObject({ returnPct: 0, drawdownPct: 0, dayPnl: 0, dayPnlPct: 0, dayStartEquity: 10_000, peakEquity: 10_000 });
  });
});
