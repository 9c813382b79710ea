import type { AccountMarks } from '../cycle/cycleDeps.js';

/** What the marks need of one pair's holdings, in plain numbers (paper broker or live account). */
export interface PairHoldings {
  /** Base held, free plus locked. */
  baseHeld(): number;
  /** Quote value of the base held plus what resting buys may still spend, at `price`. */
  exposureAt(price: number): number;
}

/**
 * The account's marks across pairs: the latest price seen for each pair, so any pair's cycle can
 * value the whole account — the shared quote plus every pair's base at its mark. `accountFor(pair)`
 * is what that pair's cycle gets as its `AccountMarks`; valuing at a price also records it as the
 * pair's mark. With one pair this is exactly that pair's quote + base × price.
 */
export class PortfolioMarks {
  readonly #marks = new Map<string, number>();

  /**
   * @param initialMarks each pair's last known price (quote per base), so a pair that has not run
   *   yet in this process is valued at it rather than at zero.
   * @param heldOutside quote value of what the account holds outside the traded pairs (paper: the
   *   base of pairs dropped from TRADING_SYMBOLS, at their last recorded price), counted in the
   *   equity so dropping a pair does not look like a loss of what it holds.
   */
  constructor(
    private readonly pairs: ReadonlyMap<string, PairHoldings>,
    private readonly quoteHeld: () => number,
    initialMarks: ReadonlyMap<string, number> = new Map(),
    private readonly heldOutside: () => number = () => 0,
  ) {
    for (const [symbol, price] of initialMarks) if (pairs.has(symbol)) this.mark(symbol, price);
  }

  /** The latest price recorded for `symbol` (0 before its first cycle). */
  markOf(symbol: string): number {
    return this.#marks.get(symbol) ?? 0;
  }

  mark(symbol: string, price: number): void {
    if (price > 0 && Number.isFinite(price)) this.#marks.set(symbol, price);
  }

  /** The whole account in the quote asset at the latest marks. */
  equity(): number {
    let equity = this.quoteHeld() + this.heldOutside();
    for (const [symbol, holdings] of this.pairs) equity += holdings.baseHeld() * this.markOf(symbol);
    return equity;
  }

  /** Quote value each pair holds at its mark (the allocation the panel shows). */
  allocation(): Array<{ symbol: string; value: number; price: number }> {
    return [...this.pairs].map(([symbol, h]) => ({ symbol, value: h.baseHeld() * this.markOf(symbol), price: this.markOf(symbol) }));
  }

  accountFor(symbol: string): AccountMarks {
    const own = this.pairs.get(symbol);
    if (!own) throw new RangeError(`${symbol} is not one of the portfolio's pairs`);
    const single = this.pairs.size === 1;
    return {
      equityAt: (price) => {
        this.mark(symbol, price);
        if (single) return this.quoteHeld() + this.heldOutside() + own.baseHeld() * price;
        return this.equity();
      },
      baseTotal: () => own.baseHeld(),
      quoteTotal: () => this.quoteHeld(),
      otherPairsExposure: () => {
        if (single) return 0;
        let total = 0;
        for (const [other, holdings] of this.pairs) if (other !== symbol) total += holdings.exposureAt(this.markOf(other));
        return total;
      },
    };
  }
}
