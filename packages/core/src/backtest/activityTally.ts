import type { CycleOutcome } from '../cycle/cycleDeps.js';
import type { BacktestActivity } from './runBacktest.js';

/** Counts a backtest's decisions as its cycles return them (see `BacktestActivity`). */
export class ActivityTally {
  buySignals = 0;
  sellSignals = 0;
  allowed = 0;
  blocked = 0;
  readonly #blockReasons = new Map<string, number>();
  readonly #holdReasons = new Map<string, number>();

  add(outcome: Pick<CycleOutcome, 'signal' | 'decision'>): void {
    const { signal, decision } = outcome;
    if (signal !== null) {
      if (signal.action === 'HOLD') this.#holdReasons.set(signal.reason, (this.#holdReasons.get(signal.reason) ?? 0) + 1);
      else if (signal.action === 'BUY') this.buySignals++;
      else this.sellSignals++;
    }
    if (decision !== null) {
      if (decision.decision === 'ALLOW') this.allowed++;
      else {
        this.blocked++;
        for (const r of decision.reasons) this.#blockReasons.set(r, (this.#blockReasons.get(r) ?? 0) + 1);
      }
    }
  }

  /** The counts, reasons most frequent first. */
  result(): BacktestActivity {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]));
    return {
      buySignals: this.buySignals,
      sellSignals: this.sellSignals,
      allowed: this.allowed,
      blocked: this.blocked,
      blockReasons: sorted(this.#blockReasons),
      holdReasons: sorted(this.#holdReasons),
    };
  }
}
