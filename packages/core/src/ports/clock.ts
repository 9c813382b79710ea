/** The only source of time in the domain. Backtests simulate it; paper and live track the exchange's clock. */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to: backtests and tests. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(time: number): void {
    this.current = time;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
