import { ValidationError } from '../errors/errors.js';
import { decStr } from '../money/decimal.js';
import { type PaperPairState, type PaperPortfolioState, paperAccountStateSchema, paperPortfolioStateSchema } from './paperAccountState.js';
import { PaperBroker, type PaperBrokerOptions } from './paperBroker.js';
import { QuoteLedger } from './quoteLedger.js';

/**
 * A paper account trading several pairs against one quote balance: one `PaperBroker` per pair
 * (its base balance and resting orders) over one shared `QuoteLedger`. Every pair must be quoted
 * in the same asset — one budget is one currency. A pair no longer traded keeps its balance and
 * resting orders in the snapshot (carried, not dropped), so removing a pair from TRADING_SYMBOLS
 * loses nothing.
 */
export class PaperPortfolio {
  readonly #carried: PaperPairState[];

  private constructor(
    readonly quoteAsset: string,
    readonly ledger: QuoteLedger,
    readonly brokers: ReadonlyMap<string, PaperBroker>,
    carried: readonly PaperPairState[],
  ) {
    this.#carried = [...carried];
  }

  /**
   * A fresh account holding `startingQuote` (TRADING_PAPER_STARTING_EQUITY) of the common quote asset.
   * @throws ValidationError (field TRADING_SYMBOLS) when the pairs do not share one quote asset.
   */
  static start(pairs: readonly PaperBrokerOptions[], startingQuote: string | number): PaperPortfolio {
    const quoteAsset = commonQuote(pairs);
    const ledger = new QuoteLedger(startingQuote);
    if (ledger.free.isNegative())
      throw new ValidationError('the paper starting balance must not be negative', 'TRADING_PAPER_STARTING_EQUITY');
    return new PaperPortfolio(quoteAsset, ledger, new Map(pairs.map((o) => [o.filters.symbol, PaperBroker.forPortfolio(o, ledger)])), []);
  }

  /**
   * Continues from a snapshot: a portfolio (version 2) or the single-pair account of earlier
   * versions (version 1), which becomes that pair's part. Pairs new since the snapshot start flat.
   * @throws ValidationError for a malformed snapshot or one in another quote asset.
   */
  static restore(state: unknown, pairs: readonly PaperBrokerOptions[]): PaperPortfolio {
    const quoteAsset = commonQuote(pairs);
    const snapshot = toPortfolioState(state, quoteAsset);
    if (snapshot.quoteAsset !== quoteAsset)
      throw new ValidationError(
        `the paper account holds ${snapshot.quoteAsset}, but TRADING_SYMBOLS are quoted in ${quoteAsset}`,
        'TRADING_SYMBOLS',
      );
    const ledger = new QuoteLedger(snapshot.quote.free, snapshot.quote.locked);
    const saved = new Map(snapshot.pairs.map((p) => [p.symbol, p]));
    const brokers = new Map(pairs.map((o) => [o.filters.symbol, PaperBroker.forPortfolio(o, ledger, saved.get(o.filters.symbol))]));
    const carried = snapshot.pairs.filter(
      (p) => !brokers.has(p.symbol) && (p.base.free !== '0' || p.base.locked !== '0' || p.orders.length > 0),
    );
    return new PaperPortfolio(quoteAsset, ledger, brokers, carried);
  }

  /** The broker of one pair. @throws ValidationError for a pair not in the portfolio. */
  broker(symbol: string): PaperBroker {
    const broker = this.brokers.get(symbol);
    if (!broker) throw new ValidationError(`${symbol} is not one of the traded pairs`, 'symbol');
    return broker;
  }

  /** Pairs no longer traded that still hold base or resting orders (listed so the operator sees them). */
  get carriedPairs(): readonly PaperPairState[] {
    return this.#carried;
  }

  state(): PaperPortfolioState {
    return {
      version: 2,
      quoteAsset: this.quoteAsset,
      quote: { free: decStr(this.ledger.free), locked: decStr(this.ledger.locked) },
      pairs: [...[...this.brokers.values()].map((b) => b.pairState()), ...this.#carried],
    };
  }

  /** Rewinds every pair and the shared quote to a snapshot (a failed transaction must not leave memory ahead). */
  resetTo(state: unknown): void {
    const snapshot = toPortfolioState(state, this.quoteAsset);
    this.ledger.set(snapshot.quote.free, snapshot.quote.locked);
    const saved = new Map(snapshot.pairs.map((p) => [p.symbol, p]));
    for (const [symbol, broker] of this.brokers)
      broker.resetPair(saved.get(symbol) ?? { symbol, base: { free: '0', locked: '0' }, orders: [] });
  }
}

function commonQuote(pairs: readonly PaperBrokerOptions[]): string {
  const first = pairs[0];
  if (!first) throw new ValidationError('a portfolio needs at least one pair', 'TRADING_SYMBOLS');
  const quotes = [...new Set(pairs.map((p) => p.filters.quote))];
  if (quotes.length > 1)
    throw new ValidationError(
      `every pair must be quoted in the same asset (one budget, one currency); got ${quotes.join(', ')}`,
      'TRADING_SYMBOLS',
    );
  return first.filters.quote;
}

function toPortfolioState(state: unknown, quoteAsset: string): PaperPortfolioState {
  const v2 = paperPortfolioStateSchema.safeParse(state);
  if (v2.success) return v2.data;
  const v1 = paperAccountStateSchema.safeParse(state);
  if (v1.success) {
    const { symbol, base, quote, orders } = v1.data;
    return { version: 2, quoteAsset: symbol.split('/')[1] ?? quoteAsset, quote, pairs: [{ symbol, base, orders }] };
  }
  throw new ValidationError(
    `invalid paper account snapshot: ${v2.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    'paper.account',
  );
}
