import type { SymbolFilters } from '../domain/market.js';
import { isOpenStatus, type Order } from '../domain/orders.js';
import type { TradeSignal } from '../domain/signal.js';
import { type Dec, dec, decStr } from '../money/decimal.js';
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
  /**
   * Base quantity resting BUY orders may still buy: counted against MAX_POSITION as if filled, so
   * a ladder of limit buys cannot build a position beyond the limit.
   */
  readonly restingBuyQuantity: string;
  /**
   * Quote value the account's other pairs hold or have committed (positions at their latest marks
   * plus resting buys), for the total exposure cap (RISK_MAX_TOTAL_EXPOSURE_PCT). 0 or absent with one pair.
   */
  readonly otherPairsExposure?: number;
}

/** What the open BUY orders among `orders` may still buy (quantity − filled), as a decimal string. */
export function restingBuyQuantity(orders: readonly Order[]): string {
  let total: Dec | null = null;
  for (const o of orders) {
    if (o.side !== 'BUY' || !isOpenStatus(o.status)) continue;
    const left = dec(o.quantity).minus(o.filledQuantity);
    if (left.isPositive()) total = total === null ? left : total.plus(left);
  }
  return total === null ? '0' : decStr(total);
}

/** What the engine looked at, for the audit trail (plain JSON). */
export type RiskInputs = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface OrderPrices {
  /** The order's price: the limit (on the tick, on the conservative side), or the market reference. */
  readonly order: Dec;
  /** Worst price a buy may pay per unit (market: latest price plus slippage, rounded up to the tick). */
  readonly buyCost: Dec;
}
