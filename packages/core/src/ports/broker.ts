import type { Fill, Order, OrderIntent, TradingMode } from '../domain/orders.js';

export interface AssetBalance {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

export interface Balances {
  readonly base: AssetBalance;
  readonly quote: AssetBalance;
}

/** What a broker did: the order in its latest state and any fills it produced. */
export interface BrokerUpdate {
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
}

export interface CancelReport {
  readonly canceled: readonly Order[];
  readonly failed: ReadonlyArray<{ readonly clientOrderId: string; readonly error: string }>;
}

export interface MarketTick {
  readonly now: number;
  readonly price: number;
  /** High and low since the previous tick, so resting limit orders fill when the price crossed them. */
  readonly high: number;
  readonly low: number;
}

/**
 * One port for paper and live execution. The cycle persists the intent (PENDING_SUBMIT) before
 * calling `submit`, so a crash between the two can be reconciled by client order id.
 */
export interface Broker {
  readonly mode: TradingMode;
  submit(intent: OrderIntent, tick: MarketTick): Promise<BrokerUpdate>;
  cancel(clientOrderId: string, now: number): Promise<BrokerUpdate>;
  cancelAll(symbol: string, now: number): Promise<CancelReport>;
  openOrders(symbol: string): Promise<readonly Order[]>;
  balances(): Promise<Balances>;
  /**
   * Advances the venue to `tick`: paper matches resting limit orders (synchronously: a backtest
   * calls it for every candle, and an await per candle is measurable); live polls order updates.
   */
  sync(tick: MarketTick): BrokerUpdate | Promise<BrokerUpdate>;
}
