const YEAR_MS = 365 * 86_400_000;

/**
 * Running mean and variance of per-period returns (Welford: numerically stable over a year of 1m
 * candles, and no allocation per return).
 */
export class ReturnStats {
  private count = 0;
  private mean = 0;
  private m2 = 0;

  add(value: number): void {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
  }

  /**
   * Annualised Sharpe ratio with a zero risk-free rate: mean / sample standard deviation of the
   * per-period returns, times √(periods per year); crypto trades every day, so a year is 365 days.
   * `pending` is one more return counted without being recorded (the period still open). Null until
   * there are two returns, or when the returns never varied.
   */
  sharpe(periodMs: number, pending: number | null = null): number | null {
    let { count, mean, m2 } = this;
    if (pending !== null) {
      count++;
      const delta = pending - mean;
      mean += delta / count;
      m2 += delta * (pending - mean);
    }
    if (count < 2) return null;
    const std = Math.sqrt(m2 / (count - 1));
    if (!(std > 1e-15)) return null;
    return (mean / std) * Math.sqrt(YEAR_MS / periodMs);
  }
}
