import type { Candle } from '../../domain/market.js';

/**
 * Feeds indicators only the candles they have not seen, so that a backtest over a year of 1m
 * candles updates each indicator once per candle instead of recomputing a whole window per cycle.
 *
 * The feed trusts a window only when it continues the history already fed: it must still contain
 * the last candle seen (same open time and close). A window that goes backwards, skips ahead past
 * that candle, or rewrites it (a replay, a restart, a re-fetch) rebuilds the indicators from the
 * window alone, so the result never depends on a stale history.
 */
export class CandleFeed<S> {
  #state: S;
  #last: Candle | null = null;
  #fed = 0;

  constructor(
    private readonly create: () => S,
    private readonly feed: (state: S, candle: Candle) => void,
  ) {
    this.#state = create();
  }

  /** Brings the indicators up to the window's last candle; returns how it got there. */
  sync(candles: readonly Candle[]): 'unchanged' | 'incremental' | 'rebuilt' {
    if (candles.length === 0 && this.#last === null) return 'unchanged';
    const start = this.#firstUnseenIndex(candles);
    if (start === null) {
      this.#rebuild(candles);
      return 'rebuilt';
    }
    if (start === candles.length) return 'unchanged';
    for (let i = start; i < candles.length; i++) this.#push(candles[i]!);
    return 'incremental';
  }

  get state(): S {
    return this.#state;
  }

  /** Candles fed since the last rebuild (warm-up checks). */
  get fed(): number {
    return this.#fed;
  }

  /** Index of the first candle after the last one seen, or null when the window does not continue the history. */
  #firstUnseenIndex(candles: readonly Candle[]): number | null {
    const last = this.#last;
    if (last === null) return null;
    for (let i = candles.length - 1; i >= 0; i--) {
      const c = candles[i]!;
      if (c.openTime > last.openTime) continue;
      if (c.openTime === last.openTime && c.close === last.close) return i + 1;
      return null;
    }
    return null;
  }

  #rebuild(candles: readonly Candle[]): void {
    this.#state = this.create();
    this.#last = null;
    this.#fed = 0;
    for (const c of candles) this.#push(c);
  }

  #push(candle: Candle): void {
    this.feed(this.#state, candle);
    this.#last = candle;
    this.#fed++;
  }
}
