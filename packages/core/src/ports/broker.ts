import type { Fill, Order, OrderIntent, TradingMode } from '../domain/orders.js';
import type { MaybePromise } from './maybePromise.js';

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
  /**
   * Base-asset volume traded since the previous tick (Binance kline field 5, e.g. BTC for BTC/USDT):
   * the backtest's candle, or in paper the primary candles closed since the last snapshot; 0 when
   * none closed. The paper broker lets resting limit orders take only a share of it
   * (TRADING_PAPER_MAX_FILL_SHARE_PCT); the live broker ignores it (the exchange matches).
   */
  readonly volume: number;
}

/**
 * One port for paper and live execution. The cycle persists the intent (PENDING_SUBMIT) before
 * calling `submit`, so a crash between the two can be reconciled by client order id.
 */
export interface Broker {
  readonly mode: TradingMode;
  submit(intent: OrderIntent, tick: MarketTick): MaybePromise<BrokerUpdate>;
  cancel(clientOrderId: string, now: number): MaybePromise<BrokerUpdate>;
  cancelAll(symbol: string, now: number): MaybePromise<CancelReport>;
  openOrders(symbol: string): MaybePromise<readonly Order[]>;
  balances(): MaybePromise<Balances>;
  /**
   * Advances the venue to `tick`: paper matches resting limit orders, live polls order updates.
   * Every method may answer synchronously (paper: a backtest calls `sync` for every candle, and a
   * promise per candle is measurable) or with a promise (live: the exchange is over the network).
   */
  sync(tick: MarketTick): MaybePromise<BrokerUpdate>;
}
