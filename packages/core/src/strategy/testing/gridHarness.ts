import type { Strategy, StrategyContext } from '../types.js';
import { buildContext, candlesFromCloses } from './contextBuilder.js';
import { fill, type SimulatedAccount } from './simulate.js';

/** Drives a grid by hand: set a price and a time, evaluate, optionally fill what it asked for. */
export class GridHarness {
  readonly account: SimulatedAccount = { base: 0, quote: 10_000 };
  now = 0;

  constructor(readonly strategy: Strategy) {}

  context(price: number): StrategyContext {
    const candles = candlesFromCloses([price], 0.001, this.now - 3_600_000);
    return buildContext({ '1h': candles }, '1h', {
      now: this.now,
      price,
      baseBalance: this.account.base,
      quoteBalance: this.account.quote,
      equity: this.account.quote + this.account.base * price,
      position: { quantity: this.account.base, avgEntryPrice: 0 },
    });
  }

  /** Evaluates at `price` after `advanceSeconds`; fills the signal unless told not to. */
  at(price: number, options: { advanceSeconds?: number; fill?: boolean } = {}) {
    this.now += (options.advanceSeconds ?? 3600) * 1000;
    const context = this.context(price);
    const signal = this.strategy.evaluate(context);
    if (options.fill !== false) fill(this.strategy, signal, context, this.account);
    return signal;
  }
}
