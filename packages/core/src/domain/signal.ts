/** A strategy's intent, as data. Strategies never call the exchange. */
export type SignalAction = 'BUY' | 'SELL' | 'HOLD';

export type SignalInputs = Readonly<Record<string, unknown>>;

export interface TradeSignal {
  readonly action: 'BUY' | 'SELL';
  readonly reason: string;
  readonly inputs: SignalInputs;
  /** Resting limit order at this price; market order when absent. */
  readonly limitPrice?: number;
  /** Desired size in quote currency (the risk engine may shrink or block it). */
  readonly quoteAmount?: number;
  /** Desired size in base currency; takes precedence over quoteAmount. */
  readonly baseQuantity?: number;
  /** Strategy-specific tag persisted with the order (e.g. the grid level index). */
  readonly tag?: string;
}

export interface HoldSignal {
  readonly action: 'HOLD';
  readonly reason: string;
  readonly inputs: SignalInputs;
}

export type Signal = TradeSignal | HoldSignal;

export function hold(reason: string, inputs: SignalInputs = {}): HoldSignal {
  return { action: 'HOLD', reason, inputs };
}

const NO_INPUTS: SignalInputs = Object.freeze({});
const quietHolds = new Map<string, HoldSignal>();

/**
 * A HOLD without its inputs, for a context whose `explainHolds` is false (a backtest, which records
 * only trades): one shared frozen signal per reason, so a year of candles allocates none.
 */
export function quietHold(reason: string): HoldSignal {
  let signal = quietHolds.get(reason);
  if (!signal) {
    signal = Object.freeze({ action: 'HOLD', reason, inputs: NO_INPUTS });
    if (quietHolds.size < 256) quietHolds.set(reason, signal); // reasons are a strategy's constants
  }
  return signal;
}
