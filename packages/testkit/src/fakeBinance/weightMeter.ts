/** Used request weight in the current UTC minute, the way Binance counts X-MBX-USED-WEIGHT-1M. */
export class WeightMeter {
  private minute = -1;
  private used = 0;

  constructor(readonly limit: number) {}

  add(weight: number, now = Date.now()): number {
    this.roll(now);
    this.used += weight;
    return this.used;
  }

  current(now = Date.now()): number {
    this.roll(now);
    return this.used;
  }

  /** Tests set the used weight to put the client near (or over) the budget. */
  set(used: number, now = Date.now()): void {
    this.roll(now);
    this.used = used;
  }

  secondsToReset(now = Date.now()): number {
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
