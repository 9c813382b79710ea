/** Used request weight in the current UTC minute, the way Binance counts X-MBX-USED-WEIGHT-1M. */
export class WeightMeter {
  private minute = -1;
  private used = 0;

  /** `clock`: the exchange's wall clock in ms, which decides the minute (default `Date.now`). */
  constructor(
    readonly limit: number,
    private readonly clock: () => number = Date.now,
  ) {}

  add(weight: number, now = this.clock()): number {
    this.roll(now);
    this.used += weight;
    return this.used;
  }

  current(now = this.clock()): number {
    this.roll(now);
    return this.used;
  }

  /** Tests set the used weight to put the client near (or over) the budget. */
  set(used: number, now = this.clock()): void {
    this.roll(now);
    this.used = used;
  }

  secondsToReset(now = this.clock()): number {
    return Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000));
  }

  private roll(now: number): void {
    const minute = Math.floor(now / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.used = 0;
    }
  }
}
