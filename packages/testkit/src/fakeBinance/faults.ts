import type { Timeframe } from '@warden/core/domain/market';

/** Misbehaviour the fake exchange can be told to show, each for the next `times` matching requests. */
export type FaultKind =
  | { readonly kind: 'rateLimited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'banned'; readonly retryAfterSeconds: number }
  | { readonly kind: 'serverError'; readonly status?: number }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'malformedJson' }
  /** klines only: rows in reverse order */
  | { readonly kind: 'outOfOrder' };

/** `symbol` (exchange spelling, `SOLUSDT`) limits a fault to the requests that name that symbol. */
export type Fault = FaultKind & { readonly path?: string; readonly symbol?: string; readonly times?: number };

export interface MissingCandle {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly openTime: number;
  /** How many klines responses leave it out; Infinity makes it a gap the exchange really has. */
  readonly times?: number;
}

/** Pending faults, consumed in order by the requests they match. */
export class FaultPlan {
  private readonly pending: Array<{ fault: Fault; left: number }> = [];
  private readonly missing: Array<{ candle: MissingCandle; left: number }> = [];

  inject(fault: Fault): this {
    this.pending.push({ fault, left: fault.times ?? 1 });
    return this;
  }

  dropCandle(candle: MissingCandle): this {
    this.missing.push({ candle, left: candle.times ?? 1 });
    return this;
  }

  clear(): void {
    this.pending.length = 0;
    this.missing.length = 0;
  }

  /** The fault this request suffers, if any (counts it as used). */
  take(path: string, symbol?: string | null): Fault | null {
    const entry = this.pending.find(
      (e) =>
        e.left > 0 &&
        (e.fault.path === undefined || e.fault.path === path) &&
        (e.fault.symbol === undefined || e.fault.symbol === symbol) &&
        (e.fault.kind !== 'outOfOrder' || path === '/api/v3/klines'),
    );
    if (!entry) return null;
    entry.left -= 1;
    return entry.fault;
  }

  /** True when this klines response must leave the candle out (counts it as used). */
  hides(symbol: string, timeframe: Timeframe, openTime: number): boolean {
    const entry = this.missing.find(
      (m) => m.left > 0 && m.candle.symbol === symbol && m.candle.timeframe === timeframe && m.candle.openTime === openTime,
    );
    if (!entry) return false;
    entry.left -= 1;
    return true;
  }
}
