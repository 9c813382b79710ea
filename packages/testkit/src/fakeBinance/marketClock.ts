/**
 * The fake exchange's notion of "now". Frozen by default so tests decide when bars close
 * (`set`/`advance`); with `speed > 0` it runs that many market milliseconds per real one,
 * the way a replay of recorded days at speed would.
 */
export class MarketClock {
  private anchorMarket: number;
  private anchorReal = Date.now();

  constructor(
    start: number,
    private speed = 0,
  ) {
    this.anchorMarket = start;
  }

  now(): number {
    return this.anchorMarket + (Date.now() - this.anchorReal) * this.speed;
  }

  set(time: number): void {
    this.anchorMarket = time;
    this.anchorReal = Date.now();
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  setSpeed(speed: number): void {
    this.set(this.now());
    this.speed = speed;
  }
}
