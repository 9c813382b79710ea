/**
 * Runs one unit of work every `intervalMs`, never two at once: the next run is scheduled only after
 * the previous one finished, so a slow cycle delays the next instead of overlapping it. `stop()`
 * resolves once the cycle in flight (if any) has finished — graceful shutdown.
 */
export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: SchedulerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Scheduler {
  private running = false;
  private handle: unknown = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly timers: SchedulerTimers = realTimers,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    await this.inFlight;
  }

  /** Runs the work now unless a run is already in flight (then waits for that one). */
  async runOnce(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.work().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private schedule(delay: number): void {
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.runOnce()
        .catch(() => {
          // The work reports its own failures; the schedule must survive them.
        })
        .finally(() => {
          if (this.running) this.schedule(this.intervalMs);
        });
    }, delay);
  }
}
