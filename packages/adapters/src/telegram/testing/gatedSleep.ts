/**
 * A `sleep` for the send queue that records each requested wait and holds it until the test
 * releases it, so retry behaviour is checked by what was asked for, never by wall-clock time.
 */
export class GatedSleep {
  readonly waits: number[] = [];
  private held: Array<() => void> = [];
  private observers: Array<() => void> = [];

  constructor(private autoRelease = false) {}

  readonly sleep = (ms: number): Promise<void> => {
    this.waits.push(ms);
    for (const o of this.observers.splice(0)) o();
    if (this.autoRelease) return Promise.resolve();
    return new Promise((resolve) => this.held.push(resolve));
  };

  /** Resolves once at least `count` waits were requested. */
  async waitForWaits(count: number): Promise<void> {
    while (this.waits.length < count) await new Promise<void>((resolve) => this.observers.push(resolve));
  }

  releaseAll(): void {
    this.autoRelease = true;
    for (const resolve of this.held.splice(0)) resolve();
  }
}
