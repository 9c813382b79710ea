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
