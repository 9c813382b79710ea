/**
 * Realized volatility: the sample standard deviation of log returns over a rolling window of
 * closes, per candle (not annualised), kept incrementally with running sums so each update is O(1).
 * trading-signals has no rolling return-volatility indicator, hence this small one.
 */
export class RealizedVolatility {
  readonly #returns: number[] = [];
  #sum = 0;
  #sumSquares = 0;
  #previousClose: number | null = null;

  constructor(readonly window: number) {
    if (!Number.isInteger(window) || window < 2) throw new RangeError(`volatility window must be an integer ≥ 2, got ${window}`);
  }

  add(close: number): void {
    if (this.#previousClose !== null && this.#previousClose > 0 && close > 0) {
      const r = Math.log(close / this.#previousClose);
      this.#returns.push(r);
      this.#sum += r;
      this.#sumSquares += r * r;
      if (this.#returns.length > this.window) {
        const dropped = this.#returns.shift()!;
        this.#sum -= dropped;
        this.#sumSquares -= dropped * dropped;
        // Subtracting a return much larger than what is left would keep its rounding error in the
        // sums (catastrophic cancellation): a flat market after a jump would show phantom volatility.
        if (dropped * dropped > 1e3 * this.#sumSquares) this.#resum();
      }
    }
    this.#previousClose = close;
  }

  get isStable(): boolean {
    return this.#returns.length >= this.window;
  }

  /** Per-candle σ of log returns (0.01 = 1 %), or null during warm-up. */
  getResult(): number | null {
    if (!this.isStable) return null;
    const n = this.#returns.length;
    const mean = this.#sum / n;
    // Running sums can leave a tiny negative residue on flat prices.
    const variance = Math.max(0, (this.#sumSquares - n * mean * mean) / (n - 1));
    return Math.sqrt(variance);
  }

  /** The sums again from the window itself: O(window), only when a large return has just left it. */
  #resum(): void {
    let sum = 0;
    let squares = 0;
    for (const r of this.#returns) {
      sum += r;
      squares += r * r;
    }
    this.#sum = sum;
    this.#sumSquares = squares;
  }
}
