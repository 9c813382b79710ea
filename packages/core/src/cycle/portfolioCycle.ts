import type { CycleOutcome } from './cycleDeps.js';
import { syncCycleId } from './cycleIds.js';
import type { TradingCycle } from './tradingCycle.js';

/** How one pair's cycle ended in a portfolio tick: its outcome, or the error that held it. */
export interface PairRun {
  readonly symbol: string;
  readonly outcome: CycleOutcome | null;
  readonly error: string | null;
}

/** One tick of the whole account: every pair's run and the account's equity after them. */
export interface PortfolioOutcome {
  readonly cycleId: string;
  readonly now: number;
  readonly pairs: readonly PairRun[];
  /** True when any pair's strategy decided on a new candle. */
  readonly decided: boolean;
  readonly equity: number;
  /** Every pair's fills of this tick. */
  readonly fills: number;
}

export interface PortfolioCycleOptions {
  /** The account's equity in the quote asset at the latest marks (after every pair ran). */
  readonly equity: () => number;
  /** A pair's cycle failed: audit and tell the operator. The other pairs carry on. */
  readonly onPairFailed?: (symbol: string, error: unknown, now: number) => void;
  /** After every pair ran: the portfolio's own marks (its metrics and equity curve). */
  readonly afterTick?: (outcome: PortfolioOutcome) => void;
}

/**
 * Several pairs under one risk budget: each pair's `TradingCycle` (the same seven steps as a single
 * pair) runs in turn, one after the other, so each pair's risk check and order see the quote the
 * pairs before it have spent — two pairs can never spend the same balance. A pair whose cycle fails
 * (its data cannot be fetched, its strategy throws past containment, its commit fails) is held for
 * this tick and reported; the others trade. An emergency stop from any pair stops them all: the
 * trading state is the account's.
 */
export class PortfolioCycle {
  constructor(
    private readonly cycles: ReadonlyArray<Pick<TradingCycle, 'symbol' | 'run'>>,
    private readonly options: PortfolioCycleOptions,
  ) {}

  get symbols(): string[] {
    return this.cycles.map((c) => c.symbol);
  }

  async run(now: number): Promise<PortfolioOutcome> {
    const pairs: PairRun[] = [];
    for (const cycle of this.cycles) {
      try {
        pairs.push({ symbol: cycle.symbol, outcome: await cycle.run(now), error: null });
      } catch (error) {
        pairs.push({ symbol: cycle.symbol, outcome: null, error: error instanceof Error ? error.message : String(error) });
        this.options.onPairFailed?.(cycle.symbol, error, now);
      }
    }
    const outcome: PortfolioOutcome = {
      cycleId: syncCycleId(now),
      now,
      pairs,
      decided: pairs.some((p) => p.outcome?.decided === true),
      equity: this.options.equity(),
      fills: pairs.reduce((n, p) => n + (p.outcome?.fills.length ?? 0), 0),
    };
    this.options.afterTick?.(outcome);
    return outcome;
  }
}
