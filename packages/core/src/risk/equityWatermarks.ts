const DAY_MS = 86_400_000;

/**
 * Peak equity and equity at the start of the current UTC day, kept incrementally for the drawdown
 * and daily-loss rules. The first mark of a UTC day is that day's start.
 */
export class EquityWatermarks {
  private peak = 0;
  private day = Number.NaN;
  private dayStart = 0;

  /** Replays a persisted equity series (time order) after a restart. */
  static fromHistory(series: Iterable<{ readonly time: number; readonly equity: number }>): EquityWatermarks {
    const marks = new EquityWatermarks();
    for (const point of series) marks.onEquity(point.time, point.equity);
    return marks;
  }

  onEquity(time: number, equity: number): void {
    if (equity > this.peak) this.peak = equity;
    const day = Math.floor(time / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dayStart = equity;
    }
  }

  get peakEquity(): number {
    return this.peak;
  }

  get dayStartEquity(): number {
    return this.dayStart;
  }
}
