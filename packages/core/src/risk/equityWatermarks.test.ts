import { describe, expect, it } from 'vitest';
import { EquityWatermarks } from './equityWatermarks.js';

const DAY = 86_400_000;

describe('EquityWatermarks', () => {
  it('keeps the highest equity seen as the peak', () => {
    const marks = EquityWatermarks.fromHistory([
      { time: 1, equity: 100 },
      { time: 2, equity: 130 },
      { time: 3, equity: 90 },
    ]);
    expect(marks.peakEquity).toBe(130);
  });

  it('takes the first mark of each UTC day as that day start', () => {
    const marks = new EquityWatermarks();
    marks.onEquity(DAY - 1, 100);
    marks.onEquity(DAY, 95);
    marks.onEquity(DAY + 60_000, 80);
    expect(marks.dayStartEquity).toBe(95);
    marks.onEquity(2 * DAY + 5, 70);
    expect(marks.dayStartEquity).toBe(70);
  });
});
