import type { AccountBalanceBook } from '@warden/adapters/binance/live/accountBalanceBook';
import type { SymbolFilters } from '@warden/core/domain/market';
import { OPEN_ORDER_STATUSES } from '@warden/core/domain/orders';
import { type Dec, dec, decStr } from '@warden/core/money/decimal';
import { notionalBounds } from '@warden/core/money/filters';
import type { Store } from '@warden/core/ports/store';

export interface DroppedPairChecks {
  readonly store: Store;
  /** TRADING_SYMBOLS. */
  readonly traded: readonly string[];
  /** The account as just read from the exchange (every asset). */
  readonly account: AccountBalanceBook;
  readonly filters: (symbol: string) => Promise<SymbolFilters>;
  /** The pair's last price in quote; rejects when the exchange cannot price it. */
  readonly price: (symbol: string) => Promise<number>;
}

/**
 * Pairs this live database traded (a position or an open order in the journal) that TRADING_SYMBOLS
 * no longer lists, and what each still holds: one problem line per pair, empty when none.
 *
 * Why it matters: the account's equity, from which the daily-loss and drawdown stops are measured,
 * counts the base asset of the traded pairs only. A pair dropped while its base is still in the
 * account takes that value out of the equity at the next cycle, against a peak recorded with it:
 * a false drawdown, and an emergency stop. Its resting orders would no longer be reconciled or
 * cancelled by an emergency stop, and a fill of one would look like quote spent on nothing. What
 * counts as still held: any open order in the journal; a base balance (free + locked) the exchange
 * would let you sell — at least LOT_SIZE's minQty and MARKET orders' minimum notional at the last
 * price (dust below either is ignored). When the pair cannot be priced, any base of at least minQty.
 */
export async function droppedLivePairProblems(c: DroppedPairChecks): Promise<string[]> {
  const { store, traded } = c;
  const tradedAssets = new Set(traded.flatMap((s) => s.split('/')));
  const symbols = new Set<string>();
  for (const p of store.positions.list()) symbols.add(p.symbol);
  const open = new Map<string, number>();
  for (const status of OPEN_ORDER_STATUSES)
    for (const o of store.orders.list({ status }, { limit: 1000 }).items) {
      symbols.add(o.symbol);
      open.set(o.symbol, (open.get(o.symbol) ?? 0) + 1);
    }
  const problems: string[] = [];
  for (const symbol of [...symbols].sort()) {
    if (traded.includes(symbol)) continue;
    const held: string[] = [];
    const openCount = open.get(symbol) ?? 0;
    if (openCount > 0) held.push(`${openCount} open order(s) in the journal`);
    const [base = symbol, quote = ''] = symbol.split('/');
    // A base that a traded pair trades (or the quote) is counted already.
    if (!tradedAssets.has(base)) {
      const balance = c.account.of(base);
      const quantity = dec(balance.free).plus(balance.locked);
      if (quantity.gt(0)) {
        const value = await sellableValue(c, symbol, quantity);
        if (value !== null)
          held.push(`the account holds ${decStr(quantity)} ${base}${value === 'unpriced' ? '' : ` (about ${value} ${quote})`}`);
      }
    }
    if (held.length > 0)
      problems.push(
        `TRADING_SYMBOLS: ${symbol} is no longer traded but ${held.join(' and ')}; the account's equity would drop by what it holds (a false drawdown stop) and its orders would go unwatched. Keep ${symbol} in TRADING_SYMBOLS and pause it (POST /api/pairs/pause) to stop trading it, or sell it and cancel its orders first`,
      );
  }
  return problems;
}

/** The quantity's value in quote (2 decimals) when the exchange would let it be sold; null for dust; 'unpriced' when unknown. */
async function sellableValue(c: DroppedPairChecks, symbol: string, quantity: Dec): Promise<string | null | 'unpriced'> {
  const filters = await c.filters(symbol).catch(() => null);
  if (filters && quantity.lt(filters.minQty)) return null;
  const price = await c.price(symbol).catch(() => null);
  if (price === null || !Number.isFinite(price) || price <= 0) return quantity.gt(0) ? 'unpriced' : null;
  const value = quantity.mul(price);
  if (filters && value.lt(notionalBounds(filters, 'MARKET').min)) return null;
  return value.toFixed(2);
}
