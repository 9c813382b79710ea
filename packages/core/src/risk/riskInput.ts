import type { SymbolFilters } from '../domain/market.js';
import type { TradeSignal } from '../domain/signal.js';
import type { Dec } from '../money/decimal.js';
import type { TradingState } from '../state/tradingState.js';
import type { AccountCheckInput } from './accountCheck.js';

export interface RiskInput extends AccountCheckInput {
  readonly now: number;
  readonly state: TradingState;
  readonly signal: TradeSignal;
  /** Latest traded price. */
  readonly price: number;
  /** The last closed primary candle: staleness is measured from its close (openTime + timeframeMs). */
  readonly lastCandle: { readonly openTime: number; readonly timeframeMs: number };
  readonly filters: SymbolFilters;
  /** Exact free balances (decimal strings). */
  readonly freeBase: string;
  readonly freeQuote: string;
  readonly openOrders: number;
  /** Base quantity currently held as the position. */
  readonly positionQuantity: string;
}

/** What the engine looked at, for the audit trail (plain JSON). */
export type RiskInputs = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface OrderPrices {
  /** The order's price: the limit (on the tick, on the conservative side), or the market reference. */
  readonly order: Dec;
  /** Worst price a buy may pay per unit (market: latest price plus slippage, rounded up to the tick). */
  readonly buyCost: Dec;
}
